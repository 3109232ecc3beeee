package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotency keys are kept in the database, not in memory: the application started on an H2 file, stopped, and
 * started again on the same file answers a repeated request with the answer it gave before the restart, and
 * appends nothing.
 */
class IdempotencyRestartIT {

    private static final String KEY = "Idempotency-Key";

    @TempDir
    Path directory;

    /** What a client compares across the restart. */
    private record Answer(int status, String body, String location) {

        static Answer of(Reply reply) {
            return new Answer(reply.status(), reply.body(), reply.header("Location"));
        }
    }

    @Test
    void aRequestRepeatedAfterARestartIsAnsweredAsBeforeAndAppendsNothing() {
        // no id: the deal's id is generated, so only the record can say which deal the repetition means
        String creation = body("name", "Survives restarts", "account", "Initech", "amount", 12000,
                "closeDate", "2031-03-31");
        String move = body("stage", "DISCOVERY");
        Answer created;
        Answer moved;
        String id;
        try (ConfigurableApplicationContext first = start()) {
            LedgerHttp http = LedgerHttp.on(first);
            created = Answer.of(http.post("rep", "/api/opportunities", creation, Map.of(KEY, "restart-create")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            id = LedgerHttp.parse(created.body()).path("id").asText();
            moved = Answer.of(http.post("rep", "/api/opportunities/" + id + "/stage", move,
                    Map.of(KEY, "restart-move")));
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext second = start()) {
            LedgerHttp http = LedgerHttp.on(second);

            assertThat(Answer.of(http.post("rep", "/api/opportunities", creation, Map.of(KEY, "restart-create"))))
                    .isEqualTo(created);
            assertThat(Answer.of(http.post("rep", "/api/opportunities/" + id + "/stage", move,
                    Map.of(KEY, "restart-move")))).isEqualTo(moved);
            assertProblem(http.post("rep", "/api/opportunities/" + id + "/stage", body("stage", "PROPOSAL"),
                    Map.of(KEY, "restart-move")), 422, "IDEMPOTENCY_KEY_REUSED");
            assertThat(http.history(id)).extracting(event -> event.path("type").asText())
                    .containsExactly("OpportunityCreated", "StageAdvanced");
            assertThat(second.getBean(JdbcTemplate.class).queryForObject("""
                    SELECT COUNT(*) FROM idempotency_record
                    WHERE principal = 'rep' AND idempotency_key IN ('restart-create', 'restart-move')""", Long.class))
                    .as("the records are rows of the database").isEqualTo(2);
        }
    }

    private ConfigurableApplicationContext start() {
        return LedgerOnFiles.start(directory, Map.of());
    }
}
