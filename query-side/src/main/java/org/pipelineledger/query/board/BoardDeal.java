package org.pipelineledger.query.board;

import static org.pipelineledger.query.support.JdbcValues.date;
import static org.pipelineledger.query.support.JdbcValues.instant;
import static org.pipelineledger.query.support.JdbcValues.localDate;
import static org.pipelineledger.query.support.JdbcValues.numeric;
import static org.pipelineledger.query.support.JdbcValues.text;
import static org.pipelineledger.query.support.JdbcValues.timestamp;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.query.support.JdbcValues;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One deal's row of {@code board_opportunity}, as a batch of events changes it in memory ({@link BoardBatch}). Name,
 * account, pipeline and creation time are set when the deal is created and never change.
 */
final class BoardDeal {

    static final String COLUMNS = """
            opportunity_id, pipeline, stage, status, name, account, owner, amount, currency, close_date, outlook,
            next_step, next_step_due, stage_entered_at, created_at, closed_at, last_seq""";

    final String id;
    final String pipeline;
    final String name;
    final String account;
    final Instant createdAt;
    StageKey stage;
    DealStatus status;
    String owner;
    BigDecimal amount;
    String currency;
    LocalDate closeDate;
    Outlook outlook;
    String nextStep;
    LocalDate nextStepDue;
    Instant stageEnteredAt;
    Instant closedAt;
    long lastSeq;

    BoardDeal(String id, String pipeline, String name, String account, Instant createdAt) {
        this.id = id;
        this.pipeline = pipeline;
        this.name = name;
        this.account = account;
        this.createdAt = createdAt;
    }

    /** The deal as its creation event describes it. */
    static BoardDeal created(OpportunityCreated event, long sequence) {
        BoardDeal deal = new BoardDeal(event.opportunityId().value(), event.pipeline(), event.name(), event.account(),
                event.occurredAt());
        deal.status = DealStatus.OPEN;
        deal.stage = event.stage();
        deal.stageEnteredAt = event.occurredAt();
        deal.owner = event.owner();
        deal.amount(event.amount());
        deal.closeDate = event.closeDate();
        deal.outlook = event.outlook();
        deal.lastSeq = sequence;
        return deal;
    }

    /** The deal moved to {@code stage} at {@code at}: forward, back, or reopened there. */
    void enter(StageKey stage, Instant at) {
        this.status = DealStatus.OPEN;
        this.stage = stage;
        this.stageEnteredAt = at;
        this.closedAt = null;
    }

    /** The deal was won or lost at {@code at}, for its final amount if the event names one. */
    void close(DealStatus status, Instant at, Money finalAmount) {
        this.status = status;
        this.closedAt = at;
        if (finalAmount != null) {
            amount(finalAmount);
        }
    }

    void amount(Money money) {
        this.amount = money == null ? null : money.amount();
        this.currency = money == null ? null : money.currency();
    }

    /** The stay the deal is in: its stage since when, or {@code null} once it is closed. */
    Stay stay() {
        return isOpen() ? new Stay(stage, stageEnteredAt) : null;
    }

    /** When the deal left the stay it was in: it entered another, or it closed. */
    Instant leftStayAt() {
        return isOpen() ? stageEnteredAt : closedAt;
    }

    record Stay(StageKey stage, Instant enteredAt) {
    }

    static BoardDeal read(ResultSet rs) throws SQLException {
        BoardDeal deal = new BoardDeal(rs.getString("opportunity_id"), rs.getString("pipeline"), rs.getString("name"),
                rs.getString("account"), instant(rs, "created_at"));
        deal.stage = StageKey.of(rs.getString("stage"));
        deal.status = DealStatus.valueOf(rs.getString("status"));
        deal.owner = rs.getString("owner");
        deal.amount = rs.getBigDecimal("amount");
        deal.currency = rs.getString("currency");
        deal.closeDate = localDate(rs, "close_date");
        deal.outlook = outlook(rs.getString("outlook"));
        deal.nextStep = rs.getString("next_step");
        deal.nextStepDue = localDate(rs, "next_step_due");
        deal.stageEnteredAt = instant(rs, "stage_entered_at");
        deal.closedAt = instant(rs, "closed_at");
        deal.lastSeq = rs.getLong("last_seq");
        return deal;
    }

    /** The deal's row, if the board knows the deal. */
    static Optional<BoardDeal> find(NamedParameterJdbcTemplate jdbc, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM board_opportunity WHERE opportunity_id = :id",
                new MapSqlParameterSource("id", id), (rs, row) -> read(rs)).stream().findFirst();
    }

    OpportunitySummary summary() {
        return new OpportunitySummary(id, name, account, owner, pipeline, stage.value(), status,
                JdbcValues.plain(amount), currency, closeDate, outlook, nextStep, nextStepDue, stageEnteredAt,
                createdAt, closedAt, lastSeq);
    }

    static Outlook outlook(String value) {
        return value == null ? null : Outlook.valueOf(value);
    }

    boolean isOpen() {
        return status == DealStatus.OPEN;
    }

    /** Every column, named as in {@link #COLUMNS} but in camel case, for inserts and updates. */
    MapSqlParameterSource parameters() {
        return new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("pipeline", pipeline)
                .addValue("stage", stage.value())
                .addValue("status", status.name())
                .addValue("name", name)
                .addValue("account", text(account))
                .addValue("owner", text(owner))
                .addValue("amount", numeric(amount))
                .addValue("currency", text(currency))
                .addValue("closeDate", date(closeDate))
                .addValue("outlook", text(outlook))
                .addValue("nextStep", text(nextStep))
                .addValue("nextStepDue", date(nextStepDue))
                .addValue("stageEnteredAt", timestamp(stageEnteredAt))
                .addValue("createdAt", timestamp(createdAt))
                .addValue("closedAt", timestamp(closedAt))
                .addValue("lastSeq", lastSeq);
    }
}
