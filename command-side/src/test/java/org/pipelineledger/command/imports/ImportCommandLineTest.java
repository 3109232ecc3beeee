package org.pipelineledger.command.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.util.unit.DataSize;

/** The command line's exit codes: 0 for a DONE job, 1 for a FAILED one, 2 for files refused before anything. */
class ImportCommandLineTest {

    @TempDir
    Path directory;

    private final CrmImporter importer = mock(CrmImporter.class);

    private ImportCommandLine commandLine(String pipelineFile) {
        ImportSettings settings = new ImportSettings(pipelineFile, null, null, null, "crm", "nightly-import", false,
                90, 3, DataSize.ofMegabytes(1));
        return new ImportCommandLine(importer, settings, null);
    }

    private static ImportJob job(ImportStatus status) {
        return new ImportJob("job-1", "crm", "nightly-import", List.of("pipeline: p.csv"), status, 10, 10, 9, 0, 3, 4,
                1, 100.0, Instant.EPOCH, Instant.EPOCH, status == ImportStatus.FAILED ? "stopped" : null,
                Map.of(Rule.NO_ACCOUNT, 4), Map.of(Rule.INVALID_DATE, 1), 5, 5, List.of());
    }

    private int run(String pipelineFile) {
        ImportCommandLine commandLine = commandLine(pipelineFile);
        commandLine.run(new DefaultApplicationArguments());
        return commandLine.getExitCode();
    }

    private String pipelineFile() throws IOException {
        return Files.writeString(directory.resolve("sales_pipeline.csv"), "whatever").toString();
    }

    @Test
    void aDoneJobExitsWithZeroAndRunsAsTheConfiguredAdmin() throws IOException {
        when(importer.runHere(eq("crm"), anyList(), eq(Actor.admin("nightly-import")))).thenReturn(job(ImportStatus.DONE));

        assertThat(run(pipelineFile())).isZero();
    }

    @Test
    void aFailedJobExitsWithOne() throws IOException {
        when(importer.runHere(any(), anyList(), any())).thenReturn(job(ImportStatus.FAILED));

        assertThat(run(pipelineFile())).isEqualTo(1);
    }

    @Test
    void refusedFilesExitWithTwo() throws IOException {
        when(importer.runHere(any(), anyList(), any()))
                .thenThrow(new LedgerException(ProblemCode.NOT_AN_EXPORT, "not an export"));

        assertThat(run(pipelineFile())).isEqualTo(2);
    }

    @Test
    void aMissingFileIsRefusedBeforeTheImporterIsAsked() {
        assertThat(run(directory.resolve("nowhere.csv").toString())).isEqualTo(2);
        verifyNoInteractions(importer);
    }

    @Test
    void theSummaryCountsEveryRowAndEachRule() {
        assertThat(ImportCommandLine.summary(job(ImportStatus.DONE))).contains("10 rows, 9 imported",
                "1 rejected", "warning NO_ACCOUNT: 4", "rejected INVALID_DATE: 1");
    }
}
