package org.pipelineledger.query.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.CarefulBatches;
import org.pipelineledger.query.testing.Deals;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.RandomHistory;
import org.pipelineledger.query.testing.TestDatabase;
import org.springframework.jdbc.core.namedparam.SimplePropertySqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** V8 (and V14 after it) fill the totals of a board built before V7 exactly as the projection keeps them. */
class BoardTotalsMigrationTest {

    private static final String TOTALS = """
            SELECT pipeline, stage, open_count, open_amount, stay_count, stay_seconds
            FROM board_stage_total ORDER BY pipeline, stage""";

    @Test
    void theBackfilledTotalsEqualTheTotalsTheProjectionKeeps() {
        NamedParameterJdbcTemplate current = TestDatabase.migrated();
        List<OpportunityEvent> history = RandomHistory.of(250, 3);
        new EventFeed(new BoardProjection(current, PipelineCatalog.withDefaultPipeline(),
                Clock.fixed(Deals.day(400), ZoneOffset.UTC), new CarefulBatches())).publish(history.toArray(OpportunityEvent[]::new));

        // the same board as a database before V7 held it: its rows and its completed stays, no totals
        NamedParameterJdbcTemplate old = TestDatabase.h2MigratedTo("6");
        copy(current, old, "board_opportunity");
        for (CompletedStays.Stay stay : CompletedStays.of(history)) {
            old.update("""
                    INSERT INTO board_completed_stay (opportunity_id, ended_seq, pipeline, stage, duration_seconds)
                    VALUES (:opportunityId, :endedSeq, :pipeline, :stage, :seconds)""",
                    new SimplePropertySqlParameterSource(stay));
        }

        TestDatabase.migrateToLatest(old);

        List<Map<String, Object>> expected = current.getJdbcTemplate().queryForList(TOTALS);
        assertThat(expected).as("one row per stage of the pipeline").hasSize(5);
        assertThat(old.getJdbcTemplate().queryForList(TOTALS)).isEqualTo(expected);
    }

    private static void copy(NamedParameterJdbcTemplate from, NamedParameterJdbcTemplate to, String table) {
        for (Map<String, Object> row : from.getJdbcTemplate().queryForList("SELECT * FROM " + table)) {
            String columns = String.join(", ", row.keySet());
            String values = String.join(", ", row.keySet().stream().map(column -> ":" + column).toList());
            to.update("INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")", row);
        }
    }
}
