package org.pipelineledger.query.board;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The board: one row per deal ({@code board_opportunity}), open or closed, and running totals per stage
 * ({@code board_stage_total}), so that counts and the stale rule's averages never scan the deals.
 * <p>
 * Each handler says what its event changes on the deal; {@link BoardBatch} applies it once (above the row's
 * {@code last_seq}) and writes the batch at commit (ADR 0007). A careful batch, the one after a failed batch, writes
 * event by event, so that the event that fails again does so in its own handler and is parked (ADR 0012).
 * <p>
 * Staleness: a deal is stale when the time since it entered its stage (as of the injected {@link Clock}) exceeds
 * twice the mean of the completed stays in that stage across the pipeline. A stay completes when the deal moves to
 * another stage, or is won or lost from it; a stage without completed stays has no average and nothing stale.
 */
@Component
@ProcessingGroup(BoardProjection.PROCESSING_GROUP)
class BoardProjection {

    static final String PROCESSING_GROUP = "board";

    private final NamedParameterJdbcTemplate jdbc;
    private final PipelineCatalog catalog;
    private final Clock clock;
    private final CarefulBatches carefulBatches;
    /** This projection's batch in the processor's unit of work (one per instance, should there be several). */
    private final String batchKey = BoardBatch.class.getName() + "@" + System.identityHashCode(this);

    BoardProjection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog, Clock clock,
                    CarefulBatches carefulBatches) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
        this.carefulBatches = carefulBatches;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence) {
        write(batch -> batch.create(BoardDeal.created(event, sequence)));
    }

    @EventHandler
    void on(StageAdvanced event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> deal.enter(event.to(), event.occurredAt()));
    }

    @EventHandler
    void on(StageReverted event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> deal.enter(event.to(), event.occurredAt()));
    }

    @EventHandler
    void on(CloseDateSlipped event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> deal.closeDate = event.to());
    }

    @EventHandler
    void on(CloseDatePulledIn event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> deal.closeDate = event.to());
    }

    @EventHandler
    void on(OutlookChanged event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> deal.outlook = event.to());
    }

    @EventHandler
    void on(AmountChanged event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> deal.amount(event.to()));
    }

    @EventHandler
    void on(NextStepSet event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> {
            deal.nextStep = event.description();
            deal.nextStepDue = event.dueDate();
        });
    }

    @EventHandler
    void on(NoteAdded event, @SequenceNumber long sequence) {
        // notes are not on the board, but every event moves the deal's version
        apply(event, sequence, deal -> {
        });
    }

    @EventHandler
    void on(OwnerReassigned event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> deal.owner = event.to());
    }

    @EventHandler
    void on(OpportunityWon event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> deal.close(DealStatus.WON, event.occurredAt(), event.amount()));
    }

    @EventHandler
    void on(OpportunityLost event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> deal.close(DealStatus.LOST, event.occurredAt(), event.amount()));
    }

    @EventHandler
    void on(OpportunityReopened event, @SequenceNumber long sequence) {
        apply(event, sequence, deal -> deal.enter(event.stage(), event.occurredAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM board_stage_total");
        jdbc.getJdbcTemplate().update("DELETE FROM board_opportunity");
    }

    @QueryHandler
    Board handle(FindBoard query) {
        PipelineDefinition pipeline = catalog.require(query.pipeline());
        Instant now = clock.instant();
        Map<String, StageTotals> totals = StageTotals.read(jdbc, pipeline.key(), query.owner());

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
            StageTotals total = totals.getOrDefault(stage, StageTotals.NONE);
            Double average = total.averageStaySeconds();
            BoardCards.Page page = query.cardsPerStage() == 0 || total.openCount() == 0
                    ? BoardCards.Page.EMPTY
                    : BoardCards.page(jdbc, pipeline.key(), stage, query.owner(), null, query.cardsPerStage(), average,
                            now);
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
        StageTotals total = StageTotals.read(jdbc, pipeline.key(), query.owner())
                .getOrDefault(query.stage(), StageTotals.NONE);
        if (total.openCount() == 0 && pipeline.stage(StageKey.of(query.stage())).isEmpty()) {
            throw new LedgerException(ProblemCode.UNKNOWN_STAGE,
                    "pipeline '" + pipeline.key() + "' has no stage '" + query.stage() + "'");
        }
        BoardCards.Page page = BoardCards.page(jdbc, pipeline.key(), query.stage(), query.owner(), query.after(),
                query.limit(), total.averageStaySeconds(), now);
        return new BoardCards(pipeline.key(), query.stage(), now, total.openCount(), page.cards(), page.next());
    }

    @QueryHandler
    OpportunitySummary handle(FindOpportunity query) {
        String id = query.opportunityId().value();
        return BoardDeal.find(jdbc, id).map(BoardDeal::summary)
                .orElseThrow(() -> LedgerException.opportunityNotFound(id));
    }

    private void apply(OpportunityEvent event, long sequence, Consumer<BoardDeal> change) {
        write(batch -> batch.apply(event.opportunityId().value(), sequence, event.getClass().getSimpleName(), change));
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
}
