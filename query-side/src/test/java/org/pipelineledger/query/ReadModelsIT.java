package org.pipelineledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.lost;
import static org.pipelineledger.query.testing.Deals.reverted;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.board.Board;
import org.pipelineledger.query.board.FindBoard;
import org.pipelineledger.query.board.FindOpportunity;
import org.pipelineledger.query.board.OpportunitySummary;
import org.pipelineledger.query.daysinstage.DealDaysInStage;
import org.pipelineledger.query.daysinstage.GetDaysInStage;
import org.pipelineledger.query.reversions.GetReversions;
import org.pipelineledger.query.reversions.ReversionReport;
import org.pipelineledger.query.slippage.DealSlippage;
import org.pipelineledger.query.slippage.GetSlippage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * The query side in a Spring context as the app runs it (autoconfigured Axon, JDBC token store, Flyway, the
 * DataSourceTransactionManager), with an in-memory event store standing in for the command side's JDBC one. Events
 * appended to the store must reach every read model through its pooled streaming processor.
 */
@SpringBootTest(
        classes = ReadModelsIT.QuerySideApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:read-models-it;DB_CLOSE_DELAY=-1",
                "axon.serializer.general=jackson",
                "axon.eventhandling.processors.projections.mode=pooled",
                "axon.eventhandling.processors.projections.batch-size=7",
                "axon.eventhandling.processors.projections.initial-segment-count=1"
        })
class ReadModelsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    EventStore eventStore;
    @Autowired
    QueryGateway queryGateway;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TransactionManager transactionManager;

    private final AtomicLong sequences = new AtomicLong();

    @Test
    void everyReadModelRunsOnTheSharedPooledStreamingProcessorInSpringTransactions() {
        for (String group : new String[] {"board", "days-in-stage", "slippage", "reversions", "metrics", "flow",
                "as-of"}) {
            EventProcessor processor = processing.eventProcessorByProcessingGroup(group).orElseThrow();
            assertThat(processor).as(group).isInstanceOf(PooledStreamingEventProcessor.class);
            assertThat(processor.getName()).as(group).isEqualTo("projections");
        }
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void eventsAppendedToTheStoreReachEveryReadModel() {
        append("IT-1", "rep", created("IT-1", "PROSPECTING", day(0)),
                advanced("IT-1", "PROSPECTING", "PROPOSAL", day(1)));
        append("IT-1", "manager", reverted("IT-1", "PROPOSAL", "QUALIFIED", ReversionReason.MAJOR_OBJECTION, day(2)));
        append("IT-1", "rep", new CloseDateSlipped(id("IT-1"), LocalDate.parse("2025-06-30"),
                LocalDate.parse("2025-07-15"), 15, "legal", day(3)));

        eventually().untilAsserted(() -> {
            OpportunitySummary summary = query(new FindOpportunity(id("IT-1")), OpportunitySummary.class);
            assertThat(summary.version()).isEqualTo(3);
            assertThat(summary.stage()).isEqualTo("QUALIFIED");
        });
        eventually().untilAsserted(() -> {
            DealDaysInStage days = query(new GetDaysInStage(id("IT-1")), DealDaysInStage.class);
            assertThat(days.visits()).hasSize(3);
        });
        eventually().untilAsserted(() -> {
            DealSlippage slippage = query(new GetSlippage(id("IT-1")), DealSlippage.class);
            assertThat(slippage.totalSlipDays()).isEqualTo(15);
        });
        eventually().untilAsserted(() -> {
            ReversionReport reversions = query(new GetReversions(null, null, null, null), ReversionReport.class);
            assertThat(reversions.reversions()).filteredOn(r -> r.id().equals("IT-1"))
                    .singleElement().satisfies(r -> assertThat(r.actor()).isEqualTo("manager"));
        });
    }

    @Test
    void resettingTheProjectionsClearsTheBoardAndTheReplayRebuildsTheSameBoard() {
        for (int i = 0; i < 10; i++) {
            String deal = "IT-R" + i;
            append(deal, "rep", created(deal, "PROSPECTING", day(i)), advanced(deal, "PROSPECTING", "DISCOVERY",
                    day(i + 1)));
            if (i % 3 == 0) {
                append(deal, "rep", lost(deal, "DISCOVERY", day(i + 2)));
            }
        }
        eventually().untilAsserted(() -> assertThat(
                query(new FindOpportunity(id("IT-R9")), OpportunitySummary.class).version()).isEqualTo(2));
        eventually().untilAsserted(() -> assertThat(
                query(new FindOpportunity(id("IT-R9")), OpportunitySummary.class).status().isClosed()).isTrue());
        Board before = query(new FindBoard(null), Board.class);

        PooledStreamingEventProcessor board = processing
                .eventProcessorByProcessingGroup("board", PooledStreamingEventProcessor.class).orElseThrow();
        board.shutDown();
        board.resetTokens();
        assertThat(query(new FindBoard(null), Board.class).openCount()).isZero();
        board.start();

        eventually().untilAsserted(() -> {
            assertThat(board.isReplaying()).isFalse();
            assertThat(query(new FindBoard(null), Board.class)).isEqualTo(before);
        });
    }

    @Test
    void theStatusComparesTheSharedProcessorWithTheHeadOfTheStore() {
        append("IT-S1", "rep", created("IT-S1", "PROSPECTING", day(0)), advanced("IT-S1", "PROSPECTING", "DISCOVERY",
                day(1)));
        long head = eventStore.createHeadToken().position().orElseThrow();
        eventually().untilAsserted(() -> assertThat(status().upToDate()).isTrue());
        ReadModelStatus caughtUp = status();
        assertThat(caughtUp.head()).isEqualTo(head);
        assertThat(caughtUp.processors()).singleElement().satisfies(processor -> {
            assertThat(processor.name()).isEqualTo("projections");
            assertThat(processor.processingGroups()).containsExactly("board", "days-in-stage", "slippage", "reversions",
                    "metrics", "flow", "as-of");
            assertThat(processor.running()).isTrue();
            assertThat(processor.position()).isEqualTo(head);
            assertThat(processor.behind()).isZero();
            assertThat(processor.segments()).isEqualTo(1);
            assertThat(processor.claimedSegments()).isEqualTo(1);
            assertThat(processor.failing()).isFalse();
            assertThat(processor.claims()).singleElement().satisfies(claim -> {
                assertThat(claim.segment()).isZero();
                assertThat(claim.owner()).isNotNull();
                assertThat(claim.thisNode()).isTrue();
                assertThat(claim.expired()).isFalse();
                assertThat(claim.renewedAt()).isNotNull();
            });
        });

        EventProcessor projections = processing.eventProcessor("projections").orElseThrow();
        projections.shutDown();
        try {
            append("IT-S2", "rep", created("IT-S2", "PROSPECTING", day(2)), advanced("IT-S2", "PROSPECTING",
                    "QUALIFIED", day(3)), lost("IT-S2", "QUALIFIED", day(4)));
            ReadModelStatus stopped = status();
            assertThat(stopped.head()).isEqualTo(head + 3);
            assertThat(stopped.upToDate()).isFalse();
            assertThat(stopped.processors()).singleElement().satisfies(processor -> {
                assertThat(processor.running()).isFalse();
                assertThat(processor.upToDate()).isFalse();
                assertThat(processor.claimedSegments()).isZero();
                // read from the shared token store, as a node that holds no segment reads it (ADR 0018)
                assertThat(processor.position()).isEqualTo(head);
                assertThat(processor.behind()).isEqualTo(3);
                assertThat(processor.segments()).isEqualTo(1);
                assertThat(processor.claims()).singleElement().satisfies(claim -> {
                    assertThat(claim.owner()).as("released at shutdown").isNull();
                    assertThat(claim.thisNode()).isFalse();
                    assertThat(claim.position()).isEqualTo(head);
                });
            });
        } finally {
            projections.start();
        }
        eventually().untilAsserted(() -> assertThat(status().upToDate()).isTrue());
        assertThat(status().processors().get(0).position()).isEqualTo(head + 3);
    }

    private ReadModelStatus status() {
        return query(new GetReadModelStatus(), ReadModelStatus.class);
    }

    /** Until the processors catch up, per-deal queries may still answer not found. */
    private static ConditionFactory eventually() {
        return await().atMost(PATIENCE).ignoreExceptionsInstanceOf(CompletionException.class);
    }

    private void append(String deal, String actor, OpportunityEvent... events) {
        for (OpportunityEvent event : events) {
            long sequence = eventStore.lastSequenceNumberFor(deal).map(s -> s + 1).orElse(0L);
            eventStore.publish(new GenericDomainEventMessage<>("Opportunity", deal, sequence, event,
                    MetaData.with("actor", actor).and("requestId", "it-" + sequences.incrementAndGet())));
        }
    }

    private <R> R query(Object query, Class<R> responseType) {
        return queryGateway.query(query, responseType).join();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan("org.pipelineledger.query")
    static class QuerySideApplication {

        @Bean
        PipelineCatalog pipelineCatalog() {
            return PipelineCatalog.withDefaultPipeline();
        }

        @Bean
        Clock clock() {
            return Clock.fixed(day(40), ZoneOffset.UTC);
        }

        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }
    }
}
