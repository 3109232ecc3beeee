package org.pipelineledger.app.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pipelineledger.command.imports.CrmImporter;
import org.pipelineledger.command.imports.ImportJob;
import org.pipelineledger.command.imports.ImportStatus;

class ImportMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final CrmImporter importer = mock(CrmImporter.class);

    private static ImportJob job(ImportStatus status, int rows, int rowsDone) {
        return new ImportJob("job-" + status + rows, "crm", "admin", List.of("pipeline: p.csv"), status, rows, rowsDone,
                rowsDone, 0, 0, 0, 0, 0, Instant.parse("2026-12-01T12:00:00Z"), null, null, null, null, 0, 0, null);
    }

    @Test
    void theRunningImportsRowsAndTheJobsByStatus() {
        when(importer.all()).thenReturn(List.of(job(ImportStatus.RUNNING, 8800, 3100), job(ImportStatus.RUNNING, 100,
                100), job(ImportStatus.DONE, 50, 50), job(ImportStatus.FAILED, 20, 7), job(ImportStatus.DONE, 5, 5)));
        new ImportMetrics(registry, importer, Duration.ofMinutes(1));

        assertThat(registry.get(ImportMetrics.ROWS).gauge().value()).isEqualTo(8900);
        assertThat(registry.get(ImportMetrics.ROWS_DONE).gauge().value()).isEqualTo(3200);
        assertThat(registry.get(ImportMetrics.JOBS).tag("status", "running").gauge().value()).isEqualTo(2);
        assertThat(registry.get(ImportMetrics.JOBS).tag("status", "done").gauge().value()).isEqualTo(2);
        assertThat(registry.get(ImportMetrics.JOBS).tag("status", "failed").gauge().value()).isEqualTo(1);
    }

    @Test
    void jobsThatCannotBeReadAreUnknownNotZero() {
        when(importer.all()).thenThrow(new IllegalStateException("database down"));
        new ImportMetrics(registry, importer, Duration.ofMinutes(1));

        assertThat(registry.get(ImportMetrics.ROWS).gauge().value()).isNaN();
        assertThat(registry.get(ImportMetrics.JOBS).tag("status", "done").gauge().value()).isNaN();
    }
}
