package org.pipelineledger.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.command.opportunity.AddNote;
import org.pipelineledger.command.opportunity.CreateOpportunity;
import org.pipelineledger.command.opportunity.OpportunityCommandSender;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.problem.LedgerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The idempotency records against the real command bus and the migrated H2 schema: a record and its command's events
 * are stored together or not at all, and records past their retention are removed by an indexed delete.
 */
@SpringBootTest
class IdempotencyRecordIntegrationTest {

    private static final Actor REP = Actor.rep("rep");

    @Autowired
    private OpportunityCommandSender sender;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private IdempotentCommands idempotentCommands;
    @Autowired
    private IdempotencyRecords records;
    @Autowired
    private IdempotencyPurge purge;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Clock clock;

    private final OpportunityId id = OpportunityId.of("rec-" + UUID.randomUUID());
    private final IdempotencyKey key = new IdempotencyKey("key-" + UUID.randomUUID(), "f".repeat(64));

    private CreateOpportunity create() {
        return new CreateOpportunity(id, "Acme renewal", "Acme", null, null, null, new BigDecimal("50000"),
                LocalDate.of(2025, 12, 31), null, REP, null);
    }

    private AddNote note(String text) {
        return new AddNote(id, text, null, REP, null);
    }

    private int stored() {
        return eventStore.readEvents(id.value()).asStream().toList().size();
    }

    private void insertRecord(String principal, String recordKey, Instant createdAt) {
        jdbc.update("""
                INSERT INTO idempotency_record
                    (principal, idempotency_key, fingerprint, opportunity_id, deal_version, created_at)
                VALUES (?, ?, ?, ?, 0, ?)""",
                principal, recordKey, "0".repeat(64), id.value(), OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
    }

    /**
     * The record is written in the command's transaction: when it cannot be (here the key is taken, as if another
     * node had just committed it, and the command goes to the bus directly, as a request that looked before that
     * would), the note the aggregate decided on is rolled back with it, and the deal is not left a version ahead.
     */
    @Test
    void aRecordThatFailsToInsertRollsTheCommandsEventsBack() {
        sender.send(create(), "req-1", "corr");
        insertRecord("rep", key.key(), clock.instant());
        MetaData keyed = idempotentCommands.recordingUnder(MetaData.with(OpportunityCommandSender.ACTOR, "rep"),
                "rep", key, id.value());

        assertThatThrownBy(() -> commandGateway.sendAndWait(note("lost with its record"), keyed))
                .isInstanceOf(IdempotencyKeyTaken.class);

        assertThat(stored()).isEqualTo(1);
        assertThat(sender.send(note("the next change"), "req-2", "corr")).isEqualTo(1L);
    }

    /** The other way round: events that fail to store (the id is taken) leave no record that a retry would replay. */
    @Test
    void aCommandWhoseEventsFailToStoreLeavesNoRecord() {
        sender.send(create(), "req-1", "corr");

        assertThatThrownBy(() -> sender.send(create(), "req-2", "corr", key))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code()).isEqualTo("OPPORTUNITY_EXISTS"));

        assertThat(records.find("rep", key.key())).isEmpty();
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void anAcceptedCommandIsRecordedWithItsAnswerAndTheTimeItWasAccepted() {
        sender.send(create(), "req-1", "corr");

        assertThat(sender.send(note("recorded"), "req-2", "corr", key))
                .isEqualTo(new OpportunityCommandSender.Accepted(id, 1));

        assertThat(records.find("rep", key.key())).contains(
                new IdempotencyRecords.Stored(key.fingerprint(), new RecordedAnswer(id.value(), 1)));
        assertThat(jdbc.queryForObject("""
                SELECT created_at FROM idempotency_record WHERE principal = 'rep' AND idempotency_key = ?""",
                OffsetDateTime.class, key.key()).toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void recordsOlderThanTheRetentionArePurgedAndTheirKeysAreFreeAgain() {
        Instant now = clock.instant();
        String expired = "expired-" + UUID.randomUUID();
        String kept = "kept-" + UUID.randomUUID();
        insertRecord("rep", expired, now.minus(IdempotencyPurge.RETENTION).minusSeconds(1));
        insertRecord("rep", kept, now.minus(IdempotencyPurge.RETENTION).plusSeconds(1));

        assertThat(purge.purge()).isPositive();

        assertThat(records.find("rep", expired)).isEmpty();
        assertThat(records.find("rep", kept)).isPresent();
        assertThat(IdempotencyPurge.RETENTION).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(purge.isRunning()).as("the purge is scheduled").isTrue();
    }

    /** Neither the lookup every keyed request makes nor the purge reads the table through. */
    @Test
    void theLookupAndThePurgeUseIndexes() {
        String lookup = jdbc.queryForObject("""
                EXPLAIN SELECT fingerprint, opportunity_id, deal_version FROM idempotency_record
                WHERE principal = 'rep' AND idempotency_key = 'k'""", String.class);
        String delete = jdbc.queryForObject("""
                EXPLAIN DELETE FROM idempotency_record WHERE created_at < TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00Z'""",
                String.class);

        assertThat(lookup).doesNotContainIgnoringCase("tableScan");
        assertThat(delete).doesNotContainIgnoringCase("tableScan").containsIgnoringCase("IX_IDEMPOTENCY_RECORD_CREATED");
    }
}
