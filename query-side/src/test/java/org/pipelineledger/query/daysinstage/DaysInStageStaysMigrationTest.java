package org.pipelineledger.query.daysinstage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.RandomHistory;
import org.pipelineledger.query.testing.TestDatabase;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** V11 numbers the stays of a database built before it, and the projection goes on from there. */
class DaysInStageStaysMigrationTest {

    private static final Clock CLOCK = Clock.fixed(day(400), ZoneOffset.UTC);
    private static final String STAYS = """
            SELECT opportunity_id, entered_seq, pipeline, stage, entered_at, exited_seq, exited_at, duration_seconds
            FROM dis_stay ORDER BY opportunity_id, entered_seq""";

    @Test
    void theNumberedStaysAnswerAsTheProjectionBuiltThemAndNewOnesFollow() {
        List<OpportunityEvent> history = RandomHistory.of(250, 5);
        NamedParameterJdbcTemplate current = TestDatabase.migrated();
        DaysInStageProjection currentProjection = projection(current);
        EventFeed currentFeed = new EventFeed(currentProjection).publish(history.toArray(OpportunityEvent[]::new));

        // the same events projected into a database before V11, whose stays have no number yet
        NamedParameterJdbcTemplate old = TestDatabase.h2MigratedTo("10");
        new EventFeed(projection(old)).publish(history.toArray(OpportunityEvent[]::new));

        TestDatabase.migrateToLatest(old);

        DaysInStageProjection migrated = projection(old);
        assertThat(old.getJdbcTemplate().queryForList(STAYS)).hasSizeGreaterThan(500)
                .isEqualTo(current.getJdbcTemplate().queryForList(STAYS));
        assertThat(migrated.handle(new GetDaysInStageReport("default")))
                .isEqualTo(currentProjection.handle(new GetDaysInStageReport("default")));

        // a stay recorded after the migration gets a number of its own, after every stay numbered by it
        OpportunityEvent[] later = {created("late", "PROSPECTING", day(390)),
                advanced("late", "PROSPECTING", "QUALIFIED", day(395))};
        new EventFeed(migrated).publish(later);
        currentFeed.publish(later);
        assertThat(old.getJdbcTemplate().queryForObject(
                "SELECT COUNT(*) FROM dis_stay WHERE stay_no > (SELECT MAX(stay_no) FROM dis_stay"
                        + " WHERE opportunity_id <> 'late')", Long.class)).isEqualTo(2);
        assertThat(migrated.handle(new GetDaysInStage(id("late"))))
                .isEqualTo(currentProjection.handle(new GetDaysInStage(id("late"))));
        assertThat(migrated.handle(new GetDaysInStageReport("default")))
                .isEqualTo(currentProjection.handle(new GetDaysInStageReport("default")));
    }

    private static DaysInStageProjection projection(NamedParameterJdbcTemplate jdbc) {
        return new DaysInStageProjection(jdbc, PipelineCatalog.withDefaultPipeline(), CLOCK);
    }
}
