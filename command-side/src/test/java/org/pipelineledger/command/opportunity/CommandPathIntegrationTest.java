package org.pipelineledger.command.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The command path through a real Axon configuration and the JDBC event store on H2: what {@code sendAndWait}
 * throws in each case, how the sender translates it, the versions it answers with, and the metadata on the events.
 */
@SpringBootTest
class CommandPathIntegrationTest {

    private static final Actor REP = Actor.rep("rep");
    private static final StageKey QUALIFIED = StageKey.of("QUALIFIED");

    @Autowired
    private OpportunityCommandSender sender;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private EventStore eventStore;

    private final OpportunityId id = OpportunityId.of("path-" + UUID.randomUUID());

    private CreateOpportunity create(String name) {
        return new CreateOpportunity(id, name, "Acme", null, null, null, new BigDecimal("50000"),
                LocalDate.of(2025, 12, 31), null, REP, null);
    }

    private MoveToStage moveTo(StageKey stage, Long expectedVersion) {
        return new MoveToStage(id, stage, null, null, expectedVersion, REP, null);
    }

    private List<? extends DomainEventMessage<?>> stored() {
        return eventStore.readEvents(id.value()).asStream().toList();
    }

    private long send(OpportunityCommand command) {
        return sender.send(command, "req-" + UUID.randomUUID(), "corr");
    }

    @Test
    void aNewDealIsAtVersionZeroAndEveryChangeAnswersWithTheSequenceNumberItStored() {
        assertThat(send(create("Acme renewal"))).isZero();
        assertThat(send(moveTo(QUALIFIED, 0L))).isEqualTo(1L);
        assertThat(send(new ChangeOutlook(id, Outlook.POSITIVE, null, 1L, REP, null))).isEqualTo(2L);

        assertThat(stored()).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
    }

    @Test
    void everyEventCarriesTheActorTheRequestIdAndTheRequestsCorrelationId() {
        sender.send(create("Acme renewal"), "req-1", "corr-1");
        sender.send(moveTo(QUALIFIED, null), "req-2", "corr-1");

        List<? extends DomainEventMessage<?>> events = stored();
        assertThat(events).extracting(DomainEventMessage::getMetaData)
                .extracting(m -> m.get("actor"), m -> m.get("requestId"), m -> m.get("correlationId"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rep", "req-1", "corr-1"),
                        org.assertj.core.groups.Tuple.tuple("rep", "req-2", "corr-1"));
        // Axon's own message-origin data is kept, under keys that do not overwrite the request's correlation id
        assertThat(events.get(0).getMetaData()).containsKeys("causationId", "traceId");
    }

    @Test
    void sendAndWaitThrowsTheAggregatesRefusalUnwrapped() {
        send(create("Acme renewal"));

        assertThatThrownBy(() -> commandGateway.sendAndWait(moveTo(StageKey.of("PROSPECTING"), null),
                MetaData.with("actor", "rep")))
                .isExactlyInstanceOf(LedgerException.class)
                .extracting(e -> ((LedgerException) e).code()).isEqualTo("ALREADY_IN_STAGE");
    }

    @Test
    void anUnknownDealIsAggregateNotFoundForAxonAndNotFoundForCallers() {
        assertThatThrownBy(() -> commandGateway.sendAndWait(moveTo(QUALIFIED, null)))
                .isInstanceOf(AggregateNotFoundException.class);
        assertThatThrownBy(() -> send(moveTo(QUALIFIED, null)))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("OPPORTUNITY_NOT_FOUND");
                    assertThat(e.kind()).isEqualTo(ProblemKind.NOT_FOUND);
                });
    }

    @Test
    void creatingATakenIdIsAStreamCreationConflictForAxonAndAConflictForCallersAndAppendsNothing() {
        send(create("Acme renewal"));

        assertThatThrownBy(() -> commandGateway.sendAndWait(create("Impostor")))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> send(create("Impostor")))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("OPPORTUNITY_EXISTS");
                    assertThat(e.kind()).isEqualTo(ProblemKind.CONFLICT);
                });
        assertThat(stored()).singleElement()
                .extracting(event -> ((OpportunityCreated) event.getPayload()).name()).isEqualTo("Acme renewal");
    }

    @Test
    void anExpectedVersionBehindTheDealIsRefusedByTheAggregateBeforeAnyRule() {
        send(create("Acme renewal"));
        send(moveTo(QUALIFIED, 0L));

        // moving to the current stage would be ALREADY_IN_STAGE; the stale view is reported first
        assertThatThrownBy(() -> commandGateway.sendAndWait(moveTo(QUALIFIED, 0L)))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("STALE_VERSION"));
        assertThat(stored()).hasSize(2);
    }

    @Test
    void anExpectedVersionAheadOfTheDealIsAConflictingVersionForAxonAndStaleForCallers() {
        send(create("Acme renewal"));

        assertThatThrownBy(() -> commandGateway.sendAndWait(moveTo(QUALIFIED, 5L)))
                .isInstanceOf(ConflictingAggregateVersionException.class);
        assertThatThrownBy(() -> send(moveTo(QUALIFIED, 5L)))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("STALE_VERSION");
                    assertThat(e.kind()).isEqualTo(ProblemKind.CONFLICT);
                });
        assertThat(stored()).hasSize(1);
    }

    @Test
    void aRefusedChangeAppendsNothing() {
        send(create("Acme renewal"));

        assertThatThrownBy(() -> send(new MoveToStage(id, StageKey.of("PROSPECTING"), null, null, null, REP, null)))
                .isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> send(new ChangeAmount(id, new BigDecimal("-5"), null, null, REP, null)))
                .isInstanceOf(LedgerException.class);
        assertThat(stored()).hasSize(1);
    }

    /**
     * The command side keeps recently used deals in memory (OpportunityCacheConfiguration). An event another node
     * stored behind its back (ADR 0018) is found by the check against the store's highest sequence number: the next
     * command reads the deal again and is applied after that event, nothing refused, nothing stored twice.
     */
    @Test
    void aDealChangedBehindTheCachesBackIsReadAgainFromTheStoreBeforeTheNextCommand() {
        send(create("Acme renewal"));
        send(new AddNote(id, "cached now", null, REP, null));
        eventStore.publish(new GenericDomainEventMessage<>("Opportunity", id.value(), 2L,
                new NoteAdded(id, "written by another instance", Instant.parse("2025-01-01T00:00:00Z"))));

        assertThat(send(new AddNote(id, "after the other node's note", null, REP, null))).isEqualTo(3L);
        assertThat(send(new AddNote(id, "from the cache again", null, REP, null))).isEqualTo(4L);

        assertThat(stored()).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(stored().subList(1, 5)).extracting(event -> ((NoteAdded) event.getPayload()).text())
                .containsExactly("cached now", "written by another instance", "after the other node's note",
                        "from the cache again");
    }
}
