package org.pipelineledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.reverted;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.query.board.Board;
import org.pipelineledger.query.board.FindBoard;
import org.pipelineledger.query.board.FindOpportunity;
import org.pipelineledger.query.board.OpportunitySummary;
import org.pipelineledger.query.daysinstage.DaysInStageReport;
import org.pipelineledger.query.daysinstage.DealDaysInStage;
import org.pipelineledger.query.daysinstage.GetDaysInStage;
import org.pipelineledger.query.daysinstage.GetDaysInStageReport;
import org.pipelineledger.query.reversions.GetReversions;
import org.pipelineledger.query.reversions.ReversionReport;
import org.pipelineledger.query.slippage.DealSlippage;
import org.pipelineledger.query.slippage.GetSlippage;
import org.pipelineledger.query.slippage.GetSlippageReport;
import org.pipelineledger.query.slippage.SlippageReport;
import org.pipelineledger.query.testing.Deals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One deal's events that a read model cannot store (the database refuses them: a check constraint added for the
 * test, as a column too narrow or a bug in a projection would) must not stop anything else: that read model parks the
 * deal's events in its dead-letter queue and goes on with the other deals, the other read models project the deal as
 * usual, the status says so, and once the cause is gone a retry empties the queue and the read model is what a
 * rebuild from the first event makes it (ADR 0012). The same context as {@link ReadModelsIT}: the shared pooled
 * processor, Spring transactions, the JDBC dead-letter queue on H2.
 */
@SpringBootTest(
        classes = ReadModelsIT.QuerySideApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:dead-letters-it;DB_CLOSE_DELAY=-1",
                "axon.serializer.general=jackson",
                "axon.eventhandling.processors.projections.mode=pooled",
                "axon.eventhandling.processors.projections.batch-size=7",
                "axon.eventhandling.processors.projections.initial-segment-count=1"
        })
class DeadLettersIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String FAULT = "refuses_the_poisoned_deal";
    private static final String QUEUE_FAULT = "parks_nothing_of_the_poisoned_deal";

    @Autowired
    EventStore eventStore;
    @Autowired
    QueryGateway queryGateway;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    JdbcTemplate jdbc;

    private final AtomicLong requests = new AtomicLong();
    /** Every deal this test class appended events for (the store is Axon's in-memory one). */
    private static final Set<String> DEALS = new ConcurrentSkipListSet<>();

    /**
     * @param table      the table that refuses the deal; {@code dis_stay} is the second a days-in-stage handler writes
     *                   to, after {@code dis_opportunity}: only a savepoint (a careful batch) takes the first write back
     * @param lastParked the sequence number of the deal's last event that the read model handles: it parks only those
     *                   (of the five: the board handles all, days in stage three, slippage and reversions two)
     */
    @ParameterizedTest(name = "{0} refusing it in {1}")
    @CsvSource({
            "board, board_opportunity, 4, 5",
            "days-in-stage, dis_opportunity, 3, 3",
            "days-in-stage, dis_stay, 3, 3",
            "slippage, slip_opportunity, 2, 2",
            "reversions, rev_opportunity, 3, 2"})
    void aDealOneReadModelCannotStoreIsParkedWhileEverythingElseGoesOnAndARetryMakesItWholeAgain(
            String readModel, String table, long lastParked, int parkedEvents) {
        String poisoned = table + "-poisoned";
        String before = table + "-before";
        String after = table + "-after";
        jdbc.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + FAULT + " CHECK (opportunity_id <> '" + poisoned
                + "')");
        try {
            history(before);
            history(poisoned);
            history(after);

            eventually().untilAsserted(() -> {
                assertThat(parked()).containsExactly(readModel + "/" + poisoned + " #0-" + lastParked);
                assertEveryReadModelShows(before);
                assertEveryReadModelShows(after);
            });
            assertTheOtherReadModelsShow(poisoned, readModel);
            ReadModelStatus parked = status();
            assertThat(parked.upToDate()).isFalse();
            assertThat(parked.processors()).singleElement().satisfies(processor -> {
                assertThat(processor.failing()).isTrue();
                assertThat(processor.parkedDeals()).isEqualTo(1);
                assertThat(processor.behind()).as("parked events count as projected").isZero();
            });
            assertThat(parked.parked()).singleElement().satisfies(deal -> {
                assertThat(deal.readModel()).isEqualTo(readModel);
                assertThat(deal.opportunityId()).isEqualTo(poisoned);
                assertThat(deal.events().get(0).type()).isEqualTo("OpportunityCreated");
                assertThat(deal.events().get(0).cause()).as("the database's words, not its SQL")
                        .contains(FAULT.toUpperCase()).doesNotContain("INSERT");
                assertThat(deal.events()).hasSize(parkedEvents);
                assertThat(deal.events().subList(1, parkedEvents)).allSatisfy(event -> assertThat(event.cause())
                        .as("parked behind the first, not failed themselves").isNull());
            });

            // a retry while the cause is still there changes nothing but the count of failed retries
            DeadLetters.RetryOutcome failedAgain = deadLetters.retry(readModel, poisoned);
            assertThat(failedAgain.handled()).isFalse();
            assertThat(failedAgain.remaining()).isEqualTo(parkedEvents);
            assertThat(deadLetters.list()).singleElement()
                    .satisfies(deal -> assertThat(deal.events().get(0).retries()).isEqualTo(1));
        } finally {
            jdbc.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + FAULT);
        }

        DeadLetters.RetryOutcome retried = deadLetters.retry(readModel, poisoned);
        assertThat(retried.handled()).isTrue();
        assertThat(retried.remaining()).isZero();
        assertThat(deadLetters.list()).isEmpty();
        assertEveryReadModelShows(poisoned);
        eventually().untilAsserted(() -> assertThat(status().upToDate()).isTrue());
        assertThat(status().processors().get(0).failing()).isFalse();

        assertThat(rebuilt()).as("the read models after the retry, against a rebuild from the first event")
                .isEqualTo(readModels());
    }

    @Test
    void aParkedDealsLaterEventsWaitBehindItsFirstAndEvictingThemLetsTheNextOnesThrough() {
        String poisoned = "evicted-poisoned";
        jdbc.execute("ALTER TABLE slip_opportunity ADD CONSTRAINT " + FAULT + " CHECK (opportunity_id <> '"
                + poisoned + "')");
        try {
            history(poisoned);
            eventually().untilAsserted(() -> assertThat(parked()).containsExactly("slippage/" + poisoned + " #0-2"));
        } finally {
            jdbc.execute("ALTER TABLE slip_opportunity DROP CONSTRAINT " + FAULT);
        }
        assertThat(deadLetters.evict("slippage", poisoned)).isEqualTo(2);
        assertThat(deadLetters.list()).isEmpty();

        // its creation is gone for the slippage read model: a later slip finds no deal there and changes nothing
        append(poisoned, new CloseDateSlipped(id(poisoned), LocalDate.parse("2025-07-31"),
                LocalDate.parse("2025-08-31"), 31, "evicted", day(9)));
        eventually().untilAsserted(() -> assertThat(status().upToDate()).isTrue());
        assertThat(deadLetters.list()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM slip_opportunity WHERE opportunity_id = ?",
                Integer.class, poisoned)).isZero();
    }

    @Test
    void aBatchThatFailsAsAWholeIsRetriedAndTheStatusSaysSoWithTheError() {
        String poisoned = "batch-poisoned";
        jdbc.execute("ALTER TABLE rev_opportunity ADD CONSTRAINT " + FAULT + " CHECK (opportunity_id <> '"
                + poisoned + "')");
        // nor can its dead-letter queue take the deal: the batch fails as a whole
        jdbc.execute("ALTER TABLE deadletterentry ADD CONSTRAINT " + QUEUE_FAULT + " CHECK (sequenceidentifier <> '"
                + poisoned + "')");
        try {
            history(poisoned);
            eventually().untilAsserted(() -> assertThat(status().processors()).singleElement().satisfies(processor -> {
                assertThat(processor.failing()).isTrue();
                assertThat(processor.error()).isNotNull();
                assertThat(processor.error().message()).doesNotContain("SELECT", "INSERT");
                assertThat(processor.upToDate()).isFalse();
            }));
        } finally {
            jdbc.execute("ALTER TABLE deadletterentry DROP CONSTRAINT " + QUEUE_FAULT);
        }
        eventually().untilAsserted(() -> assertThat(parked()).containsExactly("reversions/" + poisoned + " #0-3"));
        jdbc.execute("ALTER TABLE rev_opportunity DROP CONSTRAINT " + FAULT);
        assertThat(deadLetters.retryAll()).singleElement()
                .satisfies(outcome -> assertThat(outcome.handled()).isTrue());
        eventually().untilAsserted(() -> {
            ReadModelStatus healthy = status();
            assertThat(healthy.upToDate()).isTrue();
            assertThat(healthy.processors().get(0).error()).isNull();
        });
        assertEveryReadModelShows(poisoned);
    }

    /** Five events of every kind the four read models handle. */
    private void history(String deal) {
        append(deal, created(deal, "PROSPECTING", day(0)),
                advanced(deal, "PROSPECTING", "DISCOVERY", day(1)),
                new CloseDateSlipped(id(deal), LocalDate.parse("2025-06-30"), LocalDate.parse("2025-07-31"), 31,
                        "legal review", day(2)),
                reverted(deal, "DISCOVERY", "QUALIFIED", ReversionReason.BUDGET, day(3)),
                new AmountChanged(id(deal), Deals.usd("1000"), Deals.usd("1500"), "bigger scope", day(4)));
    }

    private void assertEveryReadModelShows(String deal) {
        assertTheOtherReadModelsShow(deal, null);
        assertThat(board(deal).version()).isEqualTo(4);
        assertThat(query(new GetDaysInStage(id(deal)), DealDaysInStage.class).visits()).hasSize(3);
        assertThat(query(new GetSlippage(id(deal)), DealSlippage.class).totalSlipDays()).isEqualTo(31);
        assertThat(reversionsOf(deal)).isEqualTo(1);
    }

    private void assertTheOtherReadModelsShow(String deal, String except) {
        if (!"board".equals(except)) {
            assertThat(board(deal).stage()).isEqualTo("QUALIFIED");
        }
        if (!"days-in-stage".equals(except)) {
            assertThat(query(new GetDaysInStage(id(deal)), DealDaysInStage.class).visits()).hasSize(3);
        }
        if (!"slippage".equals(except)) {
            assertThat(query(new GetSlippage(id(deal)), DealSlippage.class).slipCount()).isEqualTo(1);
        }
        if (!"reversions".equals(except)) {
            assertThat(reversionsOf(deal)).isEqualTo(1);
        }
    }

    private OpportunitySummary board(String deal) {
        return query(new FindOpportunity(id(deal)), OpportunitySummary.class);
    }

    private long reversionsOf(String deal) {
        return query(new GetReversions(null, null, null, null), ReversionReport.class).reversions().stream()
                .filter(reversion -> reversion.id().equals(deal)).count();
    }

    /** Every parked deal as "read model/deal #first-last sequence number". */
    private List<String> parked() {
        return deadLetters.list().stream().map(deal -> deal.readModel() + "/" + deal.opportunityId() + " #"
                + deal.events().get(0).sequenceNumber() + "-"
                + deal.events().get(deal.events().size() - 1).sequenceNumber()).toList();
    }

    /** What the read models answer: the board, every report, and every deal's own views. */
    private Map<String, Object> readModels() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("board", query(new FindBoard(null, 1000), Board.class));
        answers.put("days-in-stage", query(new GetDaysInStageReport(null), DaysInStageReport.class));
        answers.put("slippage", query(new GetSlippageReport(null, 1000), SlippageReport.class));
        answers.put("reversions", query(new GetReversions(null, null, null, null), ReversionReport.class));
        for (String deal : DEALS) {
            answers.put(deal, List.of(board(deal), query(new GetDaysInStage(id(deal)), DealDaysInStage.class),
                    query(new GetSlippage(id(deal)), DealSlippage.class)));
        }
        return answers;
    }

    /** The read models rebuilt from the first event: the processor's tokens reset, its read models cleared. */
    private Map<String, Object> rebuilt() {
        PooledStreamingEventProcessor projections = processing
                .eventProcessor(ProcessingConfiguration.SHARED_PROCESSOR, PooledStreamingEventProcessor.class)
                .orElseThrow();
        projections.shutDown();
        projections.resetTokens();
        projections.start();
        eventually().untilAsserted(() -> {
            assertThat(projections.isReplaying()).isFalse();
            assertThat(status().upToDate()).isTrue();
        });
        return readModels();
    }

    private ReadModelStatus status() {
        return query(new GetReadModelStatus(), ReadModelStatus.class);
    }

    private static ConditionFactory eventually() {
        return await().atMost(PATIENCE).ignoreExceptionsInstanceOf(CompletionException.class);
    }

    private void append(String deal, OpportunityEvent... events) {
        DEALS.add(deal);
        for (OpportunityEvent event : events) {
            long sequence = eventStore.lastSequenceNumberFor(deal).map(s -> s + 1).orElse(0L);
            eventStore.publish(new GenericDomainEventMessage<>("Opportunity", deal, sequence, event,
                    MetaData.with("actor", "rep").and("requestId", "dl-" + requests.incrementAndGet())));
        }
    }

    private <R> R query(Object query, Class<R> responseType) {
        return queryGateway.query(query, responseType).join();
    }
}
