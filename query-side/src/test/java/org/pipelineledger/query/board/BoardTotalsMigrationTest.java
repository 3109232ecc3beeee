package org.pipelineledger.query.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.testing.Deals;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.RandomHistory;
import org.pipelineledger.query.testing.TestDatabase;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** V8 fills the totals of a board built before V7 exactly as the projection would have kept them. */
class BoardTotalsMigrationTest {

    private static final String TOTALS = """
            SELECT pipeline, stage, bucket, open_count, open_amount, stay_count, stay_seconds
            FROM board_stage_total ORDER BY pipeline, stage, bucket""";

    @Test
    void theBackfilledTotalsEqualTheTotalsTheProjectionKeeps() {
        NamedParameterJdbcTemplate current = TestDatabase.migrated();
        List<OpportunityEvent> history = RandomHistory.of(250, 3);
        new EventFeed(new BoardProjection(current, PipelineCatalog.withDefaultPipeline(),
                Clock.fixed(Deals.day(400), ZoneOffset.UTC))).publish(history.toArray(OpportunityEvent[]::new));

        // the same board as a database before V7 held it: its rows, no totals
        NamedParameterJdbcTemplate old = TestDatabase.h2MigratedTo("6");
        copy(current, old, "board_opportunity");
        copy(current, old, "board_completed_stay");

        TestDatabase.migrateToLatest(old);

        List<Map<String, Object>> expected = current.getJdbcTemplate().queryForList(TOTALS);
        assertThat(expected).hasSizeGreaterThan(20);
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
