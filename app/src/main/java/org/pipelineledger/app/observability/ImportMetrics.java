package org.pipelineledger.app.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.pipelineledger.command.imports.CrmImporter;
import org.pipelineledger.command.imports.ImportJob;
import org.pipelineledger.command.imports.ImportStatus;

/**
 * CRM imports (docs/import.md) as gauges, from the jobs the database keeps (the same on every node): the rows of the
 * imports running now ({@value #ROWS}) and how many of them are done ({@value #ROWS_DONE}), as far as the running
 * job last wrote its counters; and the jobs recorded by status ({@value #JOBS}).
 */
final class ImportMetrics {

    static final String ROWS = "ledger.import.rows";
    static final String ROWS_DONE = "ledger.import.rows.done";
    static final String JOBS = "ledger.import.jobs";

    record Figures(long rows, long rowsDone, Map<ImportStatus, Long> jobs) {

        static Figures unknown(Figures last) {
            return new Figures(-1, -1, Map.of());
        }
    }

    private final Sampled<Figures> figures;

    ImportMetrics(MeterRegistry registry, CrmImporter importer, Duration maxAge) {
        this.figures = new Sampled<>(() -> read(importer), Figures::unknown, maxAge, System::nanoTime);
        Gauge.builder(ROWS, this, metrics -> known(metrics.figures.get().rows()))
                .description("Rows of the pipeline files of the imports running now")
                .register(registry);
        Gauge.builder(ROWS_DONE, this, metrics -> known(metrics.figures.get().rowsDone()))
                .description("Rows of the imports running now that are done (imported or rejected)")
                .register(registry);
        for (ImportStatus status : ImportStatus.values()) {
            Gauge.builder(JOBS, this, metrics -> known(metrics.figures.get().jobs().getOrDefault(status, -1L)))
                    .description("Imports recorded, by status")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private static double known(long figure) {
        return figure < 0 ? Double.NaN : figure;
    }

    private static Figures read(CrmImporter importer) {
        long rows = 0;
        long rowsDone = 0;
        Map<ImportStatus, Long> jobs = new EnumMap<>(ImportStatus.class);
        for (ImportStatus status : ImportStatus.values()) {
            jobs.put(status, 0L);
        }
        for (ImportJob job : importer.all()) {
            jobs.merge(job.status(), 1L, Long::sum);
            if (job.status() == ImportStatus.RUNNING) {
                rows += job.rows();
                rowsDone += job.rowsDone();
            }
        }
        return new Figures(rows, rowsDone, jobs);
    }
}
