package org.pipelineledger.command.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.pipelineledger.command.demo.DemoSeeder.SeedingReport;
import org.pipelineledger.command.opportunity.OpportunityCommandSender;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The whole demo pipeline through the real command path and JDBC event store: every step accepted, and only once. */
@SpringBootTest
class DemoSeederIntegrationTest {

    @Autowired
    private OpportunityCommandSender sender;
    @Autowired
    private Clock clock;
    @Autowired
    private PipelineCatalog catalog;
    @Autowired
    private JdbcTemplate jdbc;

    private long demoEvents() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier LIKE 'demo-%'", Long.class);
    }

    @Test
    void seedingTwiceCreatesEveryDealOnceAndTheAggregateAcceptsEveryStep() {
        DemoSeeder seeder = new DemoSeeder(sender, clock, catalog, DemoSeeder.DEFAULT_DEALS);

        SeedingReport first = seeder.seed();
        long eventsAfterFirst = demoEvents();
        SeedingReport second = seeder.seed();

        assertThat(first.refused()).isZero();
        assertThat(first.created()).isEqualTo(DemoSeeder.DEFAULT_DEALS);
        assertThat(eventsAfterFirst).isEqualTo(first.commands());
        assertThat(second.created()).isZero();
        assertThat(second.alreadyPresent()).isEqualTo(DemoSeeder.DEFAULT_DEALS);
        assertThat(second.refused()).isZero();
        assertThat(demoEvents()).isEqualTo(eventsAfterFirst);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT aggregateidentifier) FROM domainevententry "
                + "WHERE aggregateidentifier LIKE 'demo-%'", Long.class)).isEqualTo(DemoSeeder.DEFAULT_DEALS);
    }
}
