package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.pipelineledger.command.audit.EventChain;
import org.pipelineledger.command.audit.StoredEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every event the running application appends is chained with it (ADR 0016): one hash row per event, each the chain's
 * hash of the stored row over the previous one. Shares its context with the other tests of the same configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class ChainedAppendsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyAppendedEventIsChainedOverTheDealsPreviousOne() {
        LedgerHttp http = new LedgerHttp(port);
        String id = "chain-" + UUID.randomUUID();
        Reply created = http.post("rep", "/api/opportunities", body("id", id, "name", "Deal " + id,
                "account", "Account of " + id, "amount", 25000, "closeDate", "2031-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (String note : List.of("first", "second")) {
            Reply noted = http.post("rep", "/api/opportunities/" + id + "/notes", body("text", note));
            assertThat(noted.status()).as(noted.body()).isEqualTo(200);
        }

        List<StoredEvent> events = jdbc.query("SELECT " + StoredEvent.COLUMNS
                        + " FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                (row, n) -> StoredEvent.read(row), id);
        List<String> hashes = jdbc.query("SELECT hash, chained_by, globalindex FROM audit_event_hash"
                        + " WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                (row, n) -> EventChain.hex(row.getBytes(1)) + " " + row.getString(2) + " " + row.getLong(3), id);

        assertThat(events).hasSize(3);
        byte[] previous = EventChain.GENESIS;
        StringBuilder expected = new StringBuilder();
        for (StoredEvent event : events) {
            previous = EventChain.hash(previous, event);
            expected.append(EventChain.hex(previous)).append(" APPEND ").append(event.globalIndex()).append('\n');
        }
        assertThat(String.join("\n", hashes) + "\n").isEqualTo(expected.toString());
    }
}
