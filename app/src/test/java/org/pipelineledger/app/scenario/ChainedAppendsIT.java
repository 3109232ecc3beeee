package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.pipelineledger.command.audit.EventChain;
import org.pipelineledger.command.audit.StoredEvent;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;
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

    /** A batch of several deals' events (the benchmarks' seeder appends a thousand deals at once) chains each deal. */
    @Test
    void aBatchOfSeveralDealsChainsEachOverItsOwnPreviousEvent() {
        String first = "chain-a-" + UUID.randomUUID();
        String second = "chain-b-" + UUID.randomUUID();
        storage.appendEvents(List.of(event(first, 0), event(second, 0)));
        storage.appendEvents(List.of(event(second, 1), event(first, 1), event(first, 2), event(second, 2)));

        for (String deal : List.of(first, second)) {
            List<StoredEvent> events = jdbc.query("SELECT " + StoredEvent.COLUMNS
                            + " FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                    (row, n) -> StoredEvent.read(row), deal);
            List<String> hashes = jdbc.query("SELECT hash FROM audit_event_hash WHERE aggregateidentifier = ?"
                    + " ORDER BY sequencenumber", (row, n) -> EventChain.hex(row.getBytes(1)), deal);
            byte[] previous = EventChain.GENESIS;
            List<String> expected = new ArrayList<>();
            for (StoredEvent event : events) {
                previous = EventChain.hash(previous, event);
                expected.add(EventChain.hex(previous));
            }
            assertThat(hashes).as(deal).hasSize(3).isEqualTo(expected);
        }
    }

    @Autowired
    EventStorageEngine storage;

    /** A valid history, so that the read models project it like any other: created, then notes. */
    private static DomainEventMessage<?> event(String deal, long sequence) {
        OpportunityId id = OpportunityId.of(deal);
        Instant at = Instant.parse("2026-06-01T10:00:00Z").plusSeconds(sequence);
        OpportunityEvent payload = sequence == 0
                ? new OpportunityCreated(id, "Deal " + deal, "Account", "rep", "default", StageKey.of("PROSPECTING"),
                        Money.of(BigDecimal.valueOf(1000), "USD"), LocalDate.of(2031, 6, 30), Outlook.NEUTRAL, at, null)
                : new NoteAdded(id, "note " + sequence, at);
        return new GenericDomainEventMessage<>("Opportunity", deal, sequence, payload,
                MetaData.with("actor", "admin"));
    }
}
