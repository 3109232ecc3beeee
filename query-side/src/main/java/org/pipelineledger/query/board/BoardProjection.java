package org.pipelineledger.query.board;

import static org.pipelineledger.query.support.JdbcValues.amount;
import static org.pipelineledger.query.support.JdbcValues.date;
import static org.pipelineledger.query.support.JdbcValues.instant;
import static org.pipelineledger.query.support.JdbcValues.localDate;
import static org.pipelineledger.query.support.JdbcValues.numeric;
import static org.pipelineledger.query.support.JdbcValues.text;
import static org.pipelineledger.query.support.JdbcValues.timestamp;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
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
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OutlookChanged;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.query.support.DealRows;
import org.pipelineledger.query.support.Days;
import org.pipelineledger.query.support.JdbcValues;
import org.pipelineledger.query.support.QueryProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The board: one row per deal ({@code board_opportunity}), open or closed, plus the completed stays per stage
 * ({@code board_completed_stay}) that the stale rule compares against.
 * <p>
 * Idempotent: each deal row keeps the sequence number of the last event applied ({@code last_seq}, which is also the
 * deal's version); every update is guarded by {@code last_seq < :seq}, and a completed stay is keyed by the event
 * that ended it. A redelivered or replayed event therefore changes nothing.
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

    BoardProjection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence) {
        DealRows.insertOnce(jdbc, "board_opportunity", """
                INSERT INTO board_opportunity (opportunity_id, pipeline, stage, status, name, account, owner, amount,
                    currency, close_date, outlook, stage_entered_at, created_at, last_seq)
                VALUES (:id, :pipeline, :stage, :status, :name, :account, :owner, :amount,
                    :currency, :closeDate, :outlook, :at, :at, :seq)""",
                new MapSqlParameterSource()
                        .addValue("id", event.opportunityId().value())
                        .addValue("pipeline", event.pipeline())
                        .addValue("stage", event.stage().value())
                        .addValue("status", DealStatus.OPEN.name())
                        .addValue("name", event.name())
                        .addValue("account", text(event.account()))
                        .addValue("owner", text(event.owner()))
                        .addValue("amount", numeric(amountOf(event.amount())))
                        .addValue("currency", text(currencyOf(event.amount())))
                        .addValue("closeDate", date(event.closeDate()))
                        .addValue("outlook", text(event.outlook()))
                        .addValue("at", timestamp(event.occurredAt()))
                        .addValue("seq", sequence));
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
        update(event, sequence, "close_date = :closeDate",
                new MapSqlParameterSource("closeDate", date(event.to())));
    }

    @EventHandler
    void on(CloseDatePulledIn event, @SequenceNumber long sequence) {
        update(event, sequence, "close_date = :closeDate",
                new MapSqlParameterSource("closeDate", date(event.to())));
    }

    @EventHandler
    void on(OutlookChanged event, @SequenceNumber long sequence) {
        update(event, sequence, "outlook = :outlook", new MapSqlParameterSource("outlook", text(event.to())));
    }

    @EventHandler
    void on(AmountChanged event, @SequenceNumber long sequence) {
        update(event, sequence, "amount = :amount, currency = :currency", new MapSqlParameterSource()
                .addValue("amount", numeric(amountOf(event.to())))
                .addValue("currency", text(currencyOf(event.to()))));
    }

    @EventHandler
    void on(NextStepSet event, @SequenceNumber long sequence) {
        update(event, sequence, "next_step = :nextStep, next_step_due = :due", new MapSqlParameterSource()
                .addValue("nextStep", text(event.description()))
                .addValue("due", date(event.dueDate())));
    }

    @EventHandler
    void on(NoteAdded event, @SequenceNumber long sequence) {
        // notes are not on the board, but every event moves the deal's version
        update(event, sequence, null, new MapSqlParameterSource());
    }

    @EventHandler
    void on(OwnerReassigned event, @SequenceNumber long sequence) {
        update(event, sequence, "owner = :owner", new MapSqlParameterSource("owner", text(event.to())));
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
        update(event, sequence, "status = :status, stage = :stage, stage_entered_at = :at, closed_at = NULL",
                new MapSqlParameterSource()
                        .addValue("status", DealStatus.OPEN.name())
                        .addValue("stage", event.stage().value())
                        .addValue("at", timestamp(event.occurredAt())));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM board_completed_stay");
        jdbc.getJdbcTemplate().update("DELETE FROM board_opportunity");
    }

    @QueryHandler
    Board handle(FindBoard query) {
        PipelineDefinition pipeline = catalog.require(query.pipeline());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, Double> averageSeconds = averageCompletedStaySeconds(pipeline.key());

        Map<String, List<Board.Card>> cardsByStage = new LinkedHashMap<>();
        pipeline.stages().forEach(stage -> cardsByStage.put(stage.key().value(), new ArrayList<>()));
        jdbc.query("""
                SELECT opportunity_id, name, account, owner, amount, currency, close_date, outlook, stage,
                    stage_entered_at
                FROM board_opportunity
                WHERE pipeline = :pipeline AND status = :status
                ORDER BY stage_entered_at, opportunity_id""",
                new MapSqlParameterSource()
                        .addValue("pipeline", pipeline.key())
                        .addValue("status", DealStatus.OPEN.name()),
                (ResultSet rs) -> {
                    String stage = rs.getString("stage");
                    Instant enteredAt = instant(rs, "stage_entered_at");
                    long secondsInStage = Days.secondsBetween(enteredAt, now);
                    Double average = averageSeconds.get(stage);
                    LocalDate closeDate = localDate(rs, "close_date");
                    cardsByStage.computeIfAbsent(stage, k -> new ArrayList<>()).add(new Board.Card(
                            rs.getString("opportunity_id"),
                            rs.getString("name"),
                            rs.getString("account"),
                            rs.getString("owner"),
                            amount(rs, "amount"),
                            rs.getString("currency"),
                            closeDate,
                            outlook(rs.getString("outlook")),
                            enteredAt,
                            Days.wholeDaysBetween(enteredAt, now),
                            average != null && secondsInStage > 2 * average,
                            closeDate != null && closeDate.isBefore(today)));
                });

        List<Board.Column> columns = new ArrayList<>();
        long openCount = 0;
        BigDecimal openAmount = BigDecimal.ZERO;
        for (Map.Entry<String, List<Board.Card>> entry : cardsByStage.entrySet()) {
            List<Board.Card> cards = entry.getValue();
            BigDecimal total = sum(cards);
            Double average = averageSeconds.get(entry.getKey());
            columns.add(new Board.Column(
                    entry.getKey(),
                    pipeline.stage(StageKey.of(entry.getKey())).map(StageDefinition::displayName)
                            .orElse(entry.getKey()),
                    cards.size(),
                    total,
                    average == null ? null : Days.decimalDays(average),
                    List.copyOf(cards)));
            openCount += cards.size();
            openAmount = openAmount.add(total);
        }
        return new Board(pipeline.key(), pipeline.displayName(), pipeline.currency(), now, openCount,
                JdbcValues.plain(openAmount), List.copyOf(columns));
    }

    @QueryHandler
    OpportunitySummary handle(FindOpportunity query) {
        String id = query.opportunityId().value();
        List<OpportunitySummary> found = jdbc.query("""
                SELECT opportunity_id, name, account, owner, pipeline, stage, status, amount, currency, close_date,
                    outlook, next_step, next_step_due, stage_entered_at, created_at, closed_at, last_seq
                FROM board_opportunity
                WHERE opportunity_id = :id""",
                new MapSqlParameterSource("id", id),
                (rs, row) -> new OpportunitySummary(
                        rs.getString("opportunity_id"),
                        rs.getString("name"),
                        rs.getString("account"),
                        rs.getString("owner"),
                        rs.getString("pipeline"),
                        rs.getString("stage"),
                        DealStatus.valueOf(rs.getString("status")),
                        amount(rs, "amount"),
                        rs.getString("currency"),
                        localDate(rs, "close_date"),
                        outlook(rs.getString("outlook")),
                        rs.getString("next_step"),
                        localDate(rs, "next_step_due"),
                        instant(rs, "stage_entered_at"),
                        instant(rs, "created_at"),
                        instant(rs, "closed_at"),
                        rs.getLong("last_seq")));
        return found.stream().findFirst().orElseThrow(() -> QueryProblems.opportunityNotFound(id));
    }

    private void changeStage(OpportunityEvent event, long sequence, StageKey to) {
        unapplied(event, sequence).ifPresent(deal -> {
            endStay(deal, event, sequence);
            update(event, sequence, "stage = :stage, stage_entered_at = :at", new MapSqlParameterSource()
                    .addValue("stage", to.value())
                    .addValue("at", timestamp(event.occurredAt())));
        });
    }

    private void close(OpportunityEvent event, long sequence, DealStatus status, Money finalAmount) {
        unapplied(event, sequence).ifPresent(deal -> {
            if (deal.status() == DealStatus.OPEN) {
                endStay(deal, event, sequence);
            }
            MapSqlParameterSource parameters = new MapSqlParameterSource()
                    .addValue("status", status.name())
                    .addValue("at", timestamp(event.occurredAt()));
            String assignments = "status = :status, closed_at = :at";
            if (finalAmount != null) {
                assignments += ", amount = :amount, currency = :currency";
                parameters.addValue("amount", numeric(finalAmount.amount()))
                        .addValue("currency", finalAmount.currency());
            }
            update(event, sequence, assignments, parameters);
        });
    }

    private void endStay(Deal deal, OpportunityEvent event, long sequence) {
        jdbc.update("""
                INSERT INTO board_completed_stay (opportunity_id, ended_seq, pipeline, stage, duration_seconds)
                VALUES (:id, :seq, :pipeline, :stage, :seconds)""",
                new MapSqlParameterSource()
                        .addValue("id", deal.id())
                        .addValue("seq", sequence)
                        .addValue("pipeline", deal.pipeline())
                        .addValue("stage", deal.stage())
                        .addValue("seconds", Days.secondsBetween(deal.stageEnteredAt(), event.occurredAt())));
    }

    /**
     * Applies the assignments and records the event as the deal's latest, unless it (or a later one) was applied
     * already.
     */
    private void update(OpportunityEvent event, long sequence, String assignments, MapSqlParameterSource parameters) {
        parameters.addValue("id", event.opportunityId().value()).addValue("seq", sequence);
        String set = assignments == null ? "last_seq = :seq" : assignments + ", last_seq = :seq";
        int updated = jdbc.update(
                "UPDATE board_opportunity SET " + set + " WHERE opportunity_id = :id AND last_seq < :seq",
                parameters);
        if (updated == 0) {
            skipped(event, sequence);
        }
    }

    /** The deal, if this event is newer than the last one applied to it. */
    private Optional<Deal> unapplied(OpportunityEvent event, long sequence) {
        Optional<Deal> deal = find(event.opportunityId().value());
        if (deal.isPresent() && deal.get().lastSequence() < sequence) {
            return deal;
        }
        skipped(event, sequence);
        return Optional.empty();
    }

    private void skipped(OpportunityEvent event, long sequence) {
        if (find(event.opportunityId().value()).isEmpty()) {
            // events of one deal arrive in order, after its creation: a missing row means the table was tampered with
            log.warn("board: {} #{} for unknown deal {} ignored", event.getClass().getSimpleName(), sequence,
                    event.opportunityId());
        } else {
            log.debug("board: {} #{} of deal {} already applied", event.getClass().getSimpleName(), sequence,
                    event.opportunityId());
        }
    }

    private Optional<Deal> find(String id) {
        return jdbc.query("""
                SELECT opportunity_id, pipeline, stage, status, stage_entered_at, last_seq
                FROM board_opportunity WHERE opportunity_id = :id""",
                new MapSqlParameterSource("id", id),
                (rs, row) -> new Deal(
                        rs.getString("opportunity_id"),
                        rs.getString("pipeline"),
                        rs.getString("stage"),
                        DealStatus.valueOf(rs.getString("status")),
                        instant(rs, "stage_entered_at"),
                        rs.getLong("last_seq"))).stream().findFirst();
    }

    private Map<String, Double> averageCompletedStaySeconds(String pipeline) {
        Map<String, Double> averages = new HashMap<>();
        // SUM and COUNT rather than AVG: AVG of an integer column truncates on some databases
        jdbc.query("""
                SELECT stage, SUM(duration_seconds) AS total_seconds, COUNT(*) AS stays
                FROM board_completed_stay
                WHERE pipeline = :pipeline
                GROUP BY stage""",
                new MapSqlParameterSource("pipeline", pipeline),
                (ResultSet rs) -> {
                    averages.put(rs.getString("stage"), rs.getDouble("total_seconds") / rs.getLong("stays"));
                });
        return averages;
    }

    private static BigDecimal sum(List<Board.Card> cards) {
        return JdbcValues.plain(cards.stream()
                .map(Board.Card::amount)
                .filter(a -> a != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    private static BigDecimal amountOf(Money money) {
        return money == null ? null : money.amount();
    }

    private static String currencyOf(Money money) {
        return money == null ? null : money.currency();
    }

    private static Outlook outlook(String value) {
        return value == null ? null : Outlook.valueOf(value);
    }

    private record Deal(String id, String pipeline, String stage, DealStatus status, Instant stageEnteredAt,
                        long lastSequence) {
    }
}
