package org.pipelineledger.query.board;


import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.NextStepSet;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.OutlookChanged;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.pipelineledger.query.CarefulBatches;
import org.pipelineledger.query.support.Days;
import org.pipelineledger.query.support.JdbcValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The board: one row per deal ({@code board_opportunity}), open or closed, and running totals per stage
 * ({@code board_stage_total}: open deals, their amount, completed stays and their length) so that the board's
 * counts and the averages the stale rule compares against never scan the deals.
 * <p>
 * Idempotent, as every read model: each deal row keeps the sequence number of the last event applied
 * ({@code last_seq}, which is also the deal's version), and an event at or below it changes nothing, totals included.
 * <p>
 * Batched, unlike the other read models (ADR 0007): the events of one processor batch are applied to the deals in
 * memory ({@link BoardBatch}) and written when the batch commits. A careful batch, the one after a failed batch, is
 * written event by event, so that the event that fails again does it in its own handler and is parked (ADR 0012).
 * <p>
 * Staleness: a deal is stale when the time since it entered its stage (as of the injected {@link Clock}) exceeds
 * twice the mean duration of the completed stays in that stage across all deals of the pipeline. A stay is
 * completed when the deal moves to another stage, or is won or lost from it. A stage without completed stays has
 * no average, and nothing in it is stale.
 */
@Component
@ProcessingGroup(BoardProjection.PROCESSING_GROUP)
class BoardProjection {

    static final String PROCESSING_GROUP = "board";

    private static final Logger log = LoggerFactory.getLogger(BoardProjection.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final PipelineCatalog catalog;
    private final Clock clock;
    /** This projection's batch in the processor's unit of work (one per instance, should there be several). */
    private final String batchKey = BoardBatch.class.getName() + "@" + System.identityHashCode(this);

    /** After a failed batch, the next is written event by event, so that the failing event can be parked. */
    private final CarefulBatches carefulBatches;

    @Autowired
    BoardProjection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog, Clock clock,
                    CarefulBatches carefulBatches) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
        this.carefulBatches = carefulBatches;
    }

    BoardProjection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog, Clock clock) {
        this(jdbc, catalog, clock, new CarefulBatches());
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence) {
        write(batch -> {
            String id = event.opportunityId().value();
            if (batch.deal(id).isPresent()) {
                log.debug("board: deal {} already created", id);
                return;
            }
            BoardDeal deal = new BoardDeal(id, event.pipeline(), event.name(), event.account(), event.occurredAt());
            deal.stage = event.stage();
            deal.status = DealStatus.OPEN;
            deal.owner = event.owner();
            deal.amount = amountOf(event.amount());
            deal.currency = currencyOf(event.amount());
            deal.closeDate = event.closeDate();
            deal.outlook = event.outlook();
            deal.stageEnteredAt = event.occurredAt();
            deal.lastSeq = sequence;
            batch.create(deal);
        });
    }

    @EventHandler
    void on(StageAdvanced event, @SequenceNumber long sequence) {
        changeStage(event, sequence, event.to());
    }

    @EventHandler
    void on(StageReverted event, @SequenceNumber long sequence) {
        changeStage(event, sequence, event.to());
    }

    @EventHandler
    void on(CloseDateSlipped event, @SequenceNumber long sequence) {
        apply(event, sequence, (batch, deal) -> deal.closeDate = event.to());
    }

    @EventHandler
    void on(CloseDatePulledIn event, @SequenceNumber long sequence) {
        apply(event, sequence, (batch, deal) -> deal.closeDate = event.to());
    }

    @EventHandler
    void on(OutlookChanged event, @SequenceNumber long sequence) {
        apply(event, sequence, (batch, deal) -> deal.outlook = event.to());
    }

    @EventHandler
    void on(AmountChanged event, @SequenceNumber long sequence) {
        apply(event, sequence, (batch, deal) -> {
            deal.amount = amountOf(event.to());
            deal.currency = currencyOf(event.to());
        });
    }

    @EventHandler
    void on(NextStepSet event, @SequenceNumber long sequence) {
        apply(event, sequence, (batch, deal) -> {
            deal.nextStep = event.description();
            deal.nextStepDue = event.dueDate();
        });
    }

    @EventHandler
    void on(NoteAdded event, @SequenceNumber long sequence) {
        // notes are not on the board, but every event moves the deal's version
        apply(event, sequence, (batch, deal) -> {
        });
    }

    @EventHandler
    void on(OwnerReassigned event, @SequenceNumber long sequence) {
        apply(event, sequence, (batch, deal) -> deal.owner = event.to());
    }

    @EventHandler
    void on(OpportunityWon event, @SequenceNumber long sequence) {
        close(event, sequence, DealStatus.WON, event.amount());
    }

    @EventHandler
    void on(OpportunityLost event, @SequenceNumber long sequence) {
        close(event, sequence, DealStatus.LOST, event.amount());
    }

    @EventHandler
    void on(OpportunityReopened event, @SequenceNumber long sequence) {
        apply(event, sequence, (batch, deal) -> {
            deal.status = DealStatus.OPEN;
            deal.stage = event.stage();
            deal.stageEnteredAt = event.occurredAt();
            deal.closedAt = null;
        });
    }

    @ResetHandler
    void reset() {
        StageTotals.clear(jdbc);
        jdbc.getJdbcTemplate().update("DELETE FROM board_opportunity");
    }

    @QueryHandler
    Board handle(FindBoard query) {
        PipelineDefinition pipeline = catalog.require(query.pipeline());
        Instant now = clock.instant();
        Map<String, StageTotals.Totals> totals = StageTotals.read(jdbc, pipeline.key());

        List<String> stages = new ArrayList<>(pipeline.stages().stream().map(stage -> stage.key().value()).toList());
        // open deals in a stage the pipeline no longer defines are shown at the end rather than hidden
        totals.forEach((stage, total) -> {
            if (total.openCount() > 0 && !stages.contains(stage)) {
                stages.add(stage);
            }
        });

        List<Board.Column> columns = new ArrayList<>();
        long openCount = 0;
        BigDecimal openAmount = BigDecimal.ZERO;
        for (String stage : stages) {
            StageTotals.Totals total = totals.getOrDefault(stage, StageTotals.Totals.NONE);
            Double average = total.averageStaySeconds();
            BoardCards.Page page = query.cardsPerStage() == 0 || total.openCount() == 0
                    ? BoardCards.Page.EMPTY
                    : BoardCards.page(jdbc, pipeline.key(), stage, null, query.cardsPerStage(), average, now);
            columns.add(new Board.Column(
                    stage,
                    pipeline.stage(StageKey.of(stage)).map(StageDefinition::displayName).orElse(stage),
                    total.openCount(),
                    JdbcValues.plain(total.openAmount()),
                    average == null ? null : Days.decimalDays(average),
                    page.cards(),
                    page.next()));
            openCount += total.openCount();
            openAmount = openAmount.add(total.openAmount());
        }
        return new Board(pipeline.key(), pipeline.displayName(), pipeline.currency(), now, openCount,
                JdbcValues.plain(openAmount), List.copyOf(columns));
    }

    @QueryHandler
    BoardCards handle(FindBoardCards query) {
        PipelineDefinition pipeline = catalog.require(query.pipeline());
        Instant now = clock.instant();
        StageTotals.Totals total = StageTotals.read(jdbc, pipeline.key()).getOrDefault(query.stage(), StageTotals.Totals.NONE);
        if (total.openCount() == 0 && pipeline.stage(StageKey.of(query.stage())).isEmpty()) {
            throw new LedgerException(ProblemCode.UNKNOWN_STAGE,
                    "pipeline '" + pipeline.key() + "' has no stage '" + query.stage() + "'");
        }
        BoardCards.Page page = BoardCards.page(jdbc, pipeline.key(), query.stage(), query.after(), query.limit(),
                total.averageStaySeconds(), now);
        return new BoardCards(pipeline.key(), query.stage(), now, total.openCount(), page.cards(), page.next());
    }

    @QueryHandler
    OpportunitySummary handle(FindOpportunity query) {
        String id = query.opportunityId().value();
        return BoardDeal.find(jdbc, id).map(BoardDeal::summary)
                .orElseThrow(() -> LedgerException.opportunityNotFound(id));
    }

    private void changeStage(OpportunityEvent event, long sequence, StageKey to) {
        apply(event, sequence, (batch, deal) -> {
            batch.endStay(deal, event.occurredAt());
            deal.stage = to;
            deal.stageEnteredAt = event.occurredAt();
        });
    }

    private void close(OpportunityEvent event, long sequence, DealStatus status, Money finalAmount) {
        apply(event, sequence, (batch, deal) -> {
            if (deal.isOpen()) {
                batch.endStay(deal, event.occurredAt());
            }
            deal.status = status;
            deal.closedAt = event.occurredAt();
            if (finalAmount != null) {
                deal.amount = finalAmount.amount();
                deal.currency = finalAmount.currency();
            }
        });
    }

    /**
     * Applies the change to the deal and records the event as its latest, unless it (or a later one) was applied
     * already.
     */
    private void apply(OpportunityEvent event, long sequence, BiConsumer<BoardBatch, BoardDeal> change) {
        write(batch -> {
            Optional<BoardDeal> found = batch.deal(event.opportunityId().value());
            if (found.isEmpty()) {
                // events of one deal arrive in order, after its creation: a missing row means the table was
                // tampered with
                log.warn("board: {} #{} for unknown deal {} ignored", event.getClass().getSimpleName(), sequence,
                        event.opportunityId());
            } else if (found.get().lastSeq >= sequence) {
                log.debug("board: {} #{} of deal {} already applied", event.getClass().getSimpleName(), sequence,
                        event.opportunityId());
            } else {
                batch.change(found.get(), sequence, deal -> change.accept(batch, deal));
            }
        });
    }

    /**
     * Runs the work against this unit of work's batch, written when it commits; outside a unit of work (a test handing
     * events over one by one) and in a careful batch ({@link CarefulBatches}) against a batch written at once.
     */
    private void write(Consumer<BoardBatch> work) {
        if (CurrentUnitOfWork.isStarted() && !carefulBatches.isCareful()) {
            // the innermost unit of work: the processor's batch, or a dead letter's own when it is retried (ADR 0012)
            work.accept(BoardBatch.of(CurrentUnitOfWork.get(), batchKey, jdbc));
        } else {
            BoardBatch batch = new BoardBatch(jdbc);
            work.accept(batch);
            batch.flush();
        }
    }

    private static BigDecimal amountOf(Money money) {
        return money == null ? null : money.amount();
    }

    private static String currencyOf(Money money) {
        return money == null ? null : money.currency();
    }
}
