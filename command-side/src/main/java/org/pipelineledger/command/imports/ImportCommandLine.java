package org.pipelineledger.command.imports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.problem.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * With {@code ledger.import.pipeline-file} (and optionally {@code teams-file}, {@code accounts-file},
 * {@code products-file}), imports those files at start-up through the same code as the API, as the admin
 * {@code ledger.import.actor}, prints the job's summary and ends the application: exit code 0 when the job is DONE
 * (rejected rows included), 1 when it FAILED, 2 when the files were refused and nothing was imported.
 */
@Component
@ConditionalOnProperty(prefix = "ledger.import", name = "pipeline-file")
class ImportCommandLine implements ApplicationRunner, ExitCodeGenerator {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int REFUSED = 2;
    private static final Logger log = LoggerFactory.getLogger(ImportCommandLine.class);

    private final CrmImporter importer;
    private final ImportSettings settings;
    private final ApplicationContext context;
    private final PrintStream out = System.out;
    private volatile int exitCode = FAILED;

    ImportCommandLine(CrmImporter importer, ImportSettings settings, ApplicationContext context) {
        this.importer = importer;
        this.settings = settings;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        exitCode = importFiles();
        if (settings.exit()) {
            System.exit(SpringApplication.exit(context, this));
        }
    }

    private int importFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(ExportPart.PIPELINE.partName(), settings.pipelineFile());
        files.put(ExportPart.TEAMS.partName(), settings.teamsFile());
        files.put(ExportPart.ACCOUNTS.partName(), settings.accountsFile());
        files.put(ExportPart.PRODUCTS.partName(), settings.productsFile());
        List<CrmImporter.Source> sources = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (file.getValue() == null || file.getValue().isBlank()) {
                continue;
            }
            Path path = Path.of(file.getValue());
            if (!Files.isRegularFile(path)) {
                out.println("Import refused, nothing was imported: no file " + path.toAbsolutePath()
                        + " (ledger.import." + file.getKey() + "-file)");
                return REFUSED;
            }
            sources.add(new CrmImporter.Source(file.getKey(), path.getFileName().toString(),
                    () -> Files.newInputStream(path)));
        }
        try {
            ImportJob job = importer.runHere(settings.pipeline(), sources, Actor.admin(settings.actor()));
            out.println(summary(job));
            return job.status() == ImportStatus.DONE ? DONE : FAILED;
        } catch (LedgerException e) {
            out.println("Import refused, " + e.code() + ": " + e.getMessage());
            return REFUSED;
        } catch (IOException | RuntimeException e) {
            log.error("Import failed", e);
            out.println("Import failed: " + e);
            return FAILED;
        }
    }

    static String summary(ImportJob job) {
        StringBuilder summary = new StringBuilder("Import ").append(job.id()).append(' ').append(job.status())
                .append(" into ").append(job.pipeline()).append(" as ").append(job.actor()).append(": ")
                .append(job.rows()).append(" rows, ").append(job.imported()).append(" imported (")
                .append(job.alreadyPresent()).append(" already present, ").append(job.rowsWithWarnings())
                .append(" with warnings), ").append(job.rejected()).append(" rejected, ")
                .append(job.rowsPerSecond()).append(" rows/s");
        if (job.error() != null) {
            summary.append("\n  ").append(job.error());
        }
        job.warningsByRule().forEach((rule, count) -> summary.append("\n  warning ").append(rule).append(": ")
                .append(count));
        job.rejectedByRule().forEach((rule, count) -> summary.append("\n  rejected ").append(rule).append(": ")
                .append(count));
        summary.append("\n  problems: GET /api/imports/").append(job.id()).append("/problems");
        return summary.toString();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
