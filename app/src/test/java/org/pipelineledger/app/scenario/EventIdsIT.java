package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The events the running application stores carry time-ordered ids (ADR 0010): Axon found the ledger's identifier
 * factory. Shares its context with the other
 * tests of the same configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class EventIdsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void storedEventsHaveVersion7IdsStampedWithTheMillisecondTheyWereMade() {
        LedgerHttp http = new LedgerHttp(port);
        String id = "ids-" + UUID.randomUUID();
        Reply created = http.post("rep", "/api/opportunities", body("id", id, "name", "Deal " + id,
                "account", "Account of " + id, "amount", 25000, "closeDate", "2031-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (String note : List.of("first", "second", "third")) {
            Reply noted = http.post("rep", "/api/opportunities/" + id + "/notes", body("text", note));
            assertThat(noted.status()).as(noted.body()).isEqualTo(200);
        }

        List<String> ids = jdbc.queryForList(
                "SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class, id);

        assertThat(ids).hasSize(4)
                .allSatisfy(eventId -> assertThat(UUID.fromString(eventId).version()).isEqualTo(7));
        // ids of the same millisecond are not ordered among themselves; their milliseconds are
        assertThat(ids.stream().map(eventId -> UUID.fromString(eventId).getMostSignificantBits() >>> 16).toList())
                .isSorted();
    }
}
