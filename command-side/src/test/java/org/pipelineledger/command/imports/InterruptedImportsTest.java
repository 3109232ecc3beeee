package org.pipelineledger.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** A job that an application stopped in the middle of is marked FAILED when the importer starts again. */
@SpringBootTest
class InterruptedImportsTest {

    @Autowired
    CrmImporter importer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    @Test
    void aJobLeftRunningIsFailedAsInterruptedAtStartUpAndAFinishedOneIsLeftAsItWas() {
        ImportJobs jobs = new ImportJobs(jdbc, clock);
        String running = "running-" + UUID.randomUUID();
        String done = "done-" + UUID.randomUUID();
        jobs.start(running, "crm", "admin", List.of("pipeline: sales_pipeline.csv"), 10, clock.instant());
        jobs.start(done, "crm", "admin", List.of("pipeline: sales_pipeline.csv"), 10, clock.instant());
        jobs.finish(done, new ImportJobs.Counts(10, 10, 0, 0, 0), ImportStatus.DONE, null);

        importer.afterSingletonsInstantiated();

        ImportJob interrupted = importer.find(running).orElseThrow();
        assertThat(interrupted.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(interrupted.error()).startsWith("interrupted");
        assertThat(interrupted.finishedAt()).isNotNull();
        assertThat(importer.find(done).orElseThrow().status()).isEqualTo(ImportStatus.DONE);
        assertThat(importer.find(done).orElseThrow().error()).isNull();
    }
}
