package org.pipelineledger.command.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ledger.import.*}: how imports run, and the files of an import from the command line.
 *
 * @param pipelineFile      with the other three files: run this import at start-up, then exit ({@link ImportCommandLine})
 * @param pipeline          the pipeline the command line imports into
 * @param actor             the admin name the command line's events carry
 * @param exit              whether the command line's import ends the application (tests keep it running)
 * @param expectedCloseDays an open deal's expected close date: this many days after its creation
 * @param workers           deals sent at the same time (each deal's commands in order on one worker)
 * @param maxUploadSize     the largest upload, per file and per request
 */
@ConfigurationProperties("ledger.import")
record ImportSettings(String pipelineFile, String teamsFile, String accountsFile, String productsFile,
                      @DefaultValue("crm") String pipeline, @DefaultValue("import") String actor,
                      @DefaultValue("true") boolean exit, @DefaultValue("90") int expectedCloseDays,
                      @DefaultValue("3") int workers, @DefaultValue("100MB") DataSize maxUploadSize) {

    ImportSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("ledger.import.workers must be at least 1");
        }
        if (expectedCloseDays < 0) {
            throw new IllegalArgumentException("ledger.import.expected-close-days must not be negative");
        }
    }
}
