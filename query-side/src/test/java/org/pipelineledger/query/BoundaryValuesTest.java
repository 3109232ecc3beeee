package org.pipelineledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.Limits;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.NextStepSet;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OutlookChanged;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.pipeline.EntryCriteria;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.query.board.Board;
import org.pipelineledger.query.board.FindBoard;
import org.pipelineledger.query.board.FindOpportunity;
import org.pipelineledger.query.board.OpportunitySummary;
import org.pipelineledger.query.daysinstage.DaysInStageReport;
import org.pipelineledger.query.daysinstage.DealDaysInStage;
import org.pipelineledger.query.daysinstage.GetDaysInStage;
import org.pipelineledger.query.daysinstage.GetDaysInStageReport;
import org.pipelineledger.query.history.DealHistory;
import org.pipelineledger.query.history.GetDealHistory;
import org.pipelineledger.query.reversions.GetReversions;
import org.pipelineledger.query.reversions.ReversionReport;
import org.pipelineledger.query.slippage.DealSlippage;
import org.pipelineledger.query.slippage.GetSlippage;
import org.pipelineledger.query.slippage.GetSlippageReport;
import org.pipelineledger.query.slippage.SlippageReport;

/**
 * The largest and strangest values the ledger's {@link Limits} accept project through every read model without
 * error and read back as they were recorded: the longest names and notes in right-to-left and other scripts, the
 * largest amount in currencies with 2, 0, 3 and no minor units, summed over hundreds of deals on the board, the first
 * and last days of the calendar, a business time at the first instant the ledger takes, and the longest id and user
 * name. Fed as the shared processor feeds them: every read model, batches of 200 events in one unit of work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundaryValuesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FIRST_INSTANT = Limits.EARLIEST_OCCURRED_AT;
    private static final LocalDate FIRST_DAY = Limits.EARLIEST_DATE;
    private static final LocalDate LAST_DAY = Limits.LATEST_DATE;

    private static final StageKey OPEN = StageKey.of("OPEN");
    private static final StageKey PROSPECTING = StageKey.of("PROSPECTING");
    private static final StageKey QUALIFIED = StageKey.of("QUALIFIED");
    private static final StageKey PROPOSAL = StageKey.of("PROPOSAL");
    private static final StageKey NEGOTIATION = StageKey.of("NEGOTIATION");

    /** The largest amount each kind of currency takes: all its integer digits and all its decimals. */
    private static final Money MAX_USD = largest("USD");
    private static final Money MAX_JPY = largest("JPY");
    private static final Money MAX_KWD = largest("KWD");
    private static final Money MAX_XAU = largest("XAU");

    private static final PipelineCatalog CATALOG = new PipelineCatalog(List.of(PipelineDefinition.defaultPipeline(),
            pipeline("yen", "JPY"), pipeline("dinar", "KWD"), pipeline("gold", "XAU")));

    /**
     * Hebrew and Arabic (with right-to-left and left-to-right marks, which are allowed), CJK, Hangul, Greek, Cyrillic,
     * Devanagari, emoji outside the BMP joined by a zero-width joiner, a combining accent: all printable.
     */
    private static final String WORLD = "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD"
            + " \u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645\u200F\u200E"
            + " \u65E5\u672C\u8A9E \uD55C\uAD6D\uC5B4 \u0395\u03BB\u03BB\u03B7\u03BD\u03B9\u03BA\u03AC"
            + " \u043A\u0438\u0440\u0438\u043B\u043B\u0438\u0446\u0430 \u0939\u093F\u0928\u094D\u0926\u0940"
            + " \uD83D\uDE80\uD83D\uDC69\u200D\uD83D\uDCBB e\u0301 \u00A0caf\u00E9 ";

    private static final String NAME = ofLength("Deal " + WORLD, Limits.MAX_NAME_LENGTH);
    private static final String ACCOUNT = ofLength("Account " + WORLD, Limits.MAX_NAME_LENGTH);
    private static final String OWNER = ofLength("Owner " + WORLD, Limits.MAX_NAME_LENGTH);
    private static final String NEW_OWNER = ofLength("New owner " + WORLD, Limits.MAX_NAME_LENGTH);
    private static final String NOTE = ofLength("Note\tone\r\n" + WORLD + "\n", Limits.MAX_TEXT_LENGTH);
    private static final String REASON = ofLength("Reason\t" + WORLD + "\r\n", Limits.MAX_TEXT_LENGTH);
    private static final String DESCRIPTION = ofLength("Call\n" + WORLD + "\t", Limits.MAX_TEXT_LENGTH);
    /** The longest user name, recorded as the actor of every event. */
    private static final String ACTOR = ofLength("a.b_c@d-9", 64);
    /** The longest id OpportunityId takes. */
    private static final String DEAL = ofLength("Z.a_b:c-9", Limits.MAX_ID_LENGTH);

    private static final int MANY = 300;

    private EmbeddedEventStore eventStore;
    private QueryGateway gateway;
    private List<AnnotationEventHandlerAdapter> readModels;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<DomainEventMessage<?>> pending = new ArrayList<>();

    private static PipelineDefinition pipeline(String key, String currency) {
        return new PipelineDefinition(key, key, currency,
                List.of(new StageDefinition(OPEN, "Open", EntryCriteria.NONE)));
    }

    /** Exactly {@code length} UTF-16 units of {@code pattern} repeated, never ending on half a surrogate pair. */
    private static String ofLength(String pattern, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(pattern);
        }
        text.setLength(length);
        if (Character.isHighSurrogate(text.charAt(length - 1))) {
            text.setCharAt(length - 1, 'x');
        }
        return text.toString();
    }

    /** 10^15 less the smallest unit of the currency: 999999999999999.99 in dollars. */
    private static Money largest(String currency) {
        BigDecimal smallestUnit = BigDecimal.ONE.movePointLeft(Limits.fractionDigits(currency));
        return Money.of(BigDecimal.TEN.pow(Limits.MAX_INTEGER_DIGITS).subtract(smallestUnit), currency);
    }

    private static Instant day(int days) {
        return FIRST_INSTANT.plus(Duration.ofDays(days));
    }

    /** Fed once: every test only reads. */
    @BeforeAll
    void feedEveryReadModel() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        QuerySideFixture fixture = new QuerySideFixture(CATALOG, Clock.fixed(NOW, ZoneOffset.UTC), eventStore,
                new ObjectMapper().findAndRegisterModules());
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        fixture.queryHandlers().forEach(handler -> new AnnotationQueryHandlerAdapter<>(handler).subscribe(queryBus));
        gateway = DefaultQueryGateway.builder().queryBus(queryBus).build();
        readModels = fixture.queryHandlers().stream().map(AnnotationEventHandlerAdapter::new).toList();

        // the strangest deal: every kind of event, each field at its bound
        store(new OpportunityCreated(OpportunityId.of(DEAL), NAME, ACCOUNT, OWNER, "default", PROSPECTING, MAX_USD,
                FIRST_DAY, Outlook.POSITIVE, FIRST_INSTANT));
        store(new StageAdvanced(OpportunityId.of(DEAL), PROSPECTING, PROPOSAL, day(1)));
        store(new StageReverted(OpportunityId.of(DEAL), PROPOSAL, QUALIFIED, ReversionReason.OTHER, NOTE, day(2)));
        store(new CloseDateSlipped(OpportunityId.of(DEAL), FIRST_DAY, LAST_DAY,
                ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY), REASON, day(3)));
        store(new NextStepSet(OpportunityId.of(DEAL), DESCRIPTION, LAST_DAY, day(4)));
        store(new AmountChanged(OpportunityId.of(DEAL), MAX_USD, Money.of("0.01", "USD"), REASON, day(5)));
        store(new AmountChanged(OpportunityId.of(DEAL), Money.of("0.01", "USD"), MAX_USD, REASON, day(6)));
        store(new OutlookChanged(OpportunityId.of(DEAL), Outlook.POSITIVE, Outlook.CAUTIOUS, NOTE, day(7)));
        store(new NoteAdded(OpportunityId.of(DEAL), NOTE, day(8)));
        store(new OwnerReassigned(OpportunityId.of(DEAL), OWNER, NEW_OWNER, day(9)));
        store(new OpportunityLost(OpportunityId.of(DEAL), QUALIFIED, MAX_USD, REASON, NOTE, day(10)));
        store(new OpportunityReopened(OpportunityId.of(DEAL), DealStatus.LOST, NEGOTIATION, NOTE, day(11)));
        // many deals at the largest amount, to be summed on the board
        for (int i = 0; i < MANY; i++) {
            createdAtTheLargestAmount("usd-" + i, "default", NEGOTIATION, MAX_USD);
            createdAtTheLargestAmount("jpy-" + i, "yen", OPEN, MAX_JPY);
            createdAtTheLargestAmount("kwd-" + i, "dinar", OPEN, MAX_KWD);
            createdAtTheLargestAmount("xau-" + i, "gold", OPEN, MAX_XAU);
        }
        deliverInBatchesOf(200);
    }

    @AfterAll
    void tearDown() {
        eventStore.shutDown();
    }

    private void createdAtTheLargestAmount(String id, String pipeline, StageKey stage, Money amount) {
        store(new OpportunityCreated(OpportunityId.of(id), NAME, ACCOUNT, OWNER, pipeline, stage, amount, LAST_DAY,
                Outlook.NEUTRAL, FIRST_INSTANT));
    }

    private void store(OpportunityEvent event) {
        String id = event.opportunityId().value();
        long sequence = sequences.merge(id, 1L, Long::sum) - 1;
        GenericDomainEventMessage<OpportunityEvent> message = new GenericDomainEventMessage<>("Opportunity", id,
                sequence, event, MetaData.with("actor", ACTOR).and("requestId", "req-" + id + "-" + sequence));
        eventStore.publish(message);
        pending.add(message);
    }

    /** As the shared processor delivers: every read model handles each event of a batch in one unit of work. */
    private void deliverInBatchesOf(int size) {
        for (int start = 0; start < pending.size(); start += size) {
            BatchingUnitOfWork<DomainEventMessage<?>> batch =
                    new BatchingUnitOfWork<>(pending.subList(start, Math.min(start + size, pending.size())));
            ResultMessage<?> result = batch.executeWithResult(() -> {
                for (AnnotationEventHandlerAdapter readModel : readModels) {
                    readModel.handle(batch.getMessage());
                }
                return null;
            });
            assertThat(result.isExceptional()).as("batch from event %d failed: %s", start,
                    result.isExceptional() ? result.exceptionResult() : null).isFalse();
        }
        pending.clear();
    }

    private <R> R query(Object query, Class<R> type) {
        return gateway.query(query, ResponseTypes.instanceOf(type)).join();
    }

    private static BigDecimal times(Money amount, int count) {
        return amount.amount().multiply(BigDecimal.valueOf(count));
    }

    @Test
    void theDealReadsBackAsRecorded() {
        OpportunitySummary deal = query(new FindOpportunity(OpportunityId.of(DEAL)), OpportunitySummary.class);

        assertThat(deal.id()).isEqualTo(DEAL);
        assertThat(deal.name()).isEqualTo(NAME);
        assertThat(deal.account()).isEqualTo(ACCOUNT);
        assertThat(deal.owner()).isEqualTo(NEW_OWNER);
        assertThat(deal.amount()).isEqualByComparingTo(MAX_USD.amount());
        assertThat(deal.currency()).isEqualTo("USD");
        assertThat(deal.closeDate()).isEqualTo(LAST_DAY);
        assertThat(deal.nextStep()).isEqualTo(DESCRIPTION);
        assertThat(deal.nextStepDue()).isEqualTo(LAST_DAY);
        assertThat(deal.outlook()).isEqualTo(Outlook.CAUTIOUS);
        assertThat(deal.createdAt()).isEqualTo(FIRST_INSTANT);
        assertThat(deal.stageEnteredAt()).isEqualTo(day(11));
        assertThat(deal.status()).isEqualTo(DealStatus.OPEN);
        assertThat(deal.version()).isEqualTo(11);
    }

    @Test
    void theBoardSumsTheLargestAmountsOfEveryCurrency() {
        Board usd = query(new FindBoard("default"), Board.class);
        Board.Column negotiation = usd.stages().stream().filter(c -> c.stage().equals("NEGOTIATION")).findFirst()
                .orElseThrow();
        assertThat(negotiation.count()).isEqualTo(MANY + 1);
        assertThat(negotiation.totalAmount()).isEqualByComparingTo(times(MAX_USD, MANY + 1));
        assertThat(usd.openAmount()).isEqualByComparingTo(times(MAX_USD, MANY + 1));
        assertThat(negotiation.cards()).hasSize(100).allSatisfy(card -> {
            assertThat(card.name()).isEqualTo(NAME);
            assertThat(card.account()).isEqualTo(ACCOUNT);
            assertThat(card.owner()).isEqualTo(OWNER);
            assertThat(card.amount()).isEqualByComparingTo(MAX_USD.amount());
            assertThat(card.closeDate()).isEqualTo(LAST_DAY);
            assertThat(card.stageEnteredAt()).isEqualTo(FIRST_INSTANT);
        });

        for (Money max : List.of(MAX_JPY, MAX_KWD, MAX_XAU)) {
            String pipeline = Map.of("JPY", "yen", "KWD", "dinar", "XAU", "gold").get(max.currency());
            Board board = query(new FindBoard(pipeline), Board.class);
            assertThat(board.currency()).isEqualTo(max.currency());
            assertThat(board.openCount()).isEqualTo(MANY);
            assertThat(board.openAmount()).as(pipeline).isEqualByComparingTo(times(max, MANY));
            assertThat(board.stages().get(0).cards()).first()
                    .satisfies(card -> assertThat(card.amount()).isEqualByComparingTo(max.amount()));
        }
    }

    @Test
    void daysInStageCountFromTheFirstInstant() {
        DealDaysInStage days = query(new GetDaysInStage(OpportunityId.of(DEAL)), DealDaysInStage.class);

        assertThat(days.visits()).extracting(DealDaysInStage.Visit::enteredAt)
                .containsExactly(FIRST_INSTANT, day(1), day(2), day(11));
        assertThat(days.currentStage()).isEqualTo("NEGOTIATION");
        assertThat(days.daysInStage()).isEqualTo(Duration.between(day(11), NOW).toDays());

        DaysInStageReport report = query(new GetDaysInStageReport("default"), DaysInStageReport.class);
        assertThat(report.stages()).isNotEmpty();
    }

    @Test
    void theSlipAcrossTheWholeCalendarReadsBackWithItsReasonAndActor() {
        DealSlippage slippage = query(new GetSlippage(OpportunityId.of(DEAL)), DealSlippage.class);

        assertThat(slippage.name()).isEqualTo(NAME);
        assertThat(slippage.owner()).isEqualTo(NEW_OWNER);
        assertThat(slippage.originalCloseDate()).isEqualTo(FIRST_DAY);
        assertThat(slippage.currentCloseDate()).isEqualTo(LAST_DAY);
        assertThat(slippage.totalSlipDays()).isEqualTo(ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY));
        assertThat(slippage.changes()).singleElement().satisfies(change -> {
            assertThat(change.reason()).isEqualTo(REASON);
            assertThat(change.actor()).isEqualTo(ACTOR);
            assertThat(change.occurredAt()).isEqualTo(day(3));
        });

        SlippageReport report = query(new GetSlippageReport(null, GetSlippageReport.MAX_LIMIT), SlippageReport.class);
        assertThat(report.deals()).first().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(DEAL);
            assertThat(entry.name()).isEqualTo(NAME);
        });
    }

    @Test
    void theBackwardMoveReadsBackWithItsNoteOwnerAndActor() {
        ReversionReport byOwner = query(new GetReversions(FIRST_DAY, LAST_DAY, OWNER, "default"),
                ReversionReport.class);

        assertThat(byOwner.reversions()).singleElement().satisfies(reversion -> {
            assertThat(reversion.id()).isEqualTo(DEAL);
            assertThat(reversion.name()).isEqualTo(NAME);
            assertThat(reversion.owner()).isEqualTo(OWNER);
            assertThat(reversion.note()).isEqualTo(NOTE);
            assertThat(reversion.actor()).isEqualTo(ACTOR);
            assertThat(reversion.occurredAt()).isEqualTo(day(2));
        });
        assertThat(byOwner.byOwner()).containsExactly(Map.entry(OWNER, 1L));
    }

    @Test
    void theHistoryShowsEveryEventAsRecorded() {
        DealHistory history = query(new GetDealHistory(OpportunityId.of(DEAL)), DealHistory.class);

        assertThat(history.events()).hasSize(12);
        assertThat(history.events().get(0).payload().path("name").asText()).isEqualTo(NAME);
        assertThat(history.events().get(0).occurredAt()).isEqualTo(FIRST_INSTANT);
        assertThat(history.events().get(2).payload().path("note").asText()).isEqualTo(NOTE);
        assertThat(history.events().get(0).metadata()).containsEntry("actor", ACTOR);
    }
}
