package org.pipelineledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemKind;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

class DealHistoryQueriesTest {

    private EmbeddedEventStore eventStore;
    private DealHistoryQueries queries;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        queries = new DealHistoryQueries(eventStore, Jackson2ObjectMapperBuilder.json().build());
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void theHistoryListsTheDealsEventsInOrderWithTheirMetadata() {
        append(0, created("A", "PROSPECTING", day(0)), "rep");
        append(0, created("OTHER", "PROSPECTING", day(0)), "rep");
        append(1, advanced("A", "PROSPECTING", "PROPOSAL", day(1)), "rep");
        append(2, new StageReverted(id("A"), StageKey.of("PROPOSAL"), StageKey.of("QUALIFIED"),
                ReversionReason.BUDGET, "budget cut", day(2)), "manager");

        DealHistory history = queries.handle(new GetDealHistory(id("A")));

        assertThat(history.id()).isEqualTo("A");
        assertThat(history.events()).extracting(DealHistory.Entry::sequence, DealHistory.Entry::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, "OpportunityCreated"),
                        org.assertj.core.groups.Tuple.tuple(1L, "StageAdvanced"),
                        org.assertj.core.groups.Tuple.tuple(2L, "StageReverted"));
        DealHistory.Entry revert = history.events().get(2);
        assertThat(revert.occurredAt()).isEqualTo(day(2));
        assertThat(revert.recordedAt()).isNotNull();
        assertThat(revert.metadata())
                .containsEntry("actor", "manager")
                .containsEntry("requestId", "req-2")
                .containsEntry("correlationId", "corr-2");
    }

    @Test
    void thePayloadIsPlainJsonWithIdsAndStageKeysAsStrings() {
        append(0, created("A", "PROSPECTING", day(0)), "rep");
        append(1, new StageReverted(id("A"), StageKey.of("PROPOSAL"), StageKey.of("QUALIFIED"),
                ReversionReason.BUDGET, "budget cut", day(2)), "manager");

        List<DealHistory.Entry> events = queries.handle(new GetDealHistory(id("A"))).events();

        JsonNode created = events.get(0).payload();
        assertThat(created.get("opportunityId").asText()).isEqualTo("A");
        assertThat(created.get("stage").asText()).isEqualTo("PROSPECTING");
        assertThat(created.get("amount").get("amount").decimalValue()).isEqualByComparingTo("1000");
        assertThat(created.get("amount").get("currency").asText()).isEqualTo("USD");
        assertThat(created.get("amount").fieldNames()).toIterable().containsExactly("amount", "currency");
        assertThat(created.get("closeDate").asText()).isEqualTo("2025-06-30");
        assertThat(created.get("occurredAt").asText()).isEqualTo("2025-01-01T09:00:00Z");
        JsonNode reverted = events.get(1).payload();
        assertThat(reverted.get("from").asText()).isEqualTo("PROPOSAL");
        assertThat(reverted.get("reason").asText()).isEqualTo("BUDGET");
        assertThat(reverted.get("note").asText()).isEqualTo("budget cut");
    }

    @Test
    void theHistoryStartsAtTheFirstEventEvenWhenASnapshotExists() {
        append(0, created("A", "PROSPECTING", day(0)), "rep");
        append(1, advanced("A", "PROSPECTING", "PROPOSAL", day(1)), "rep");
        eventStore.storeSnapshot(new GenericDomainEventMessage<>("Opportunity", "A", 1, "snapshot state"));

        assertThat(queries.handle(new GetDealHistory(id("A"))).events())
                .extracting(DealHistory.Entry::sequence).containsExactly(0L, 1L);
    }

    @Test
    void anUnknownDealIsNotFound() {
        assertThatThrownBy(() -> queries.handle(new GetDealHistory(id("nope"))))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("OPPORTUNITY_NOT_FOUND");
                    assertThat(e.kind()).isEqualTo(ProblemKind.NOT_FOUND);
                });
    }

    private void append(long sequence, OpportunityEvent event, String actor) {
        eventStore.publish(new GenericDomainEventMessage<>("Opportunity", event.opportunityId().value(), sequence,
                event, MetaData.with("actor", actor)
                .and("requestId", "req-" + sequence)
                .and("correlationId", "corr-" + sequence)));
    }
}
