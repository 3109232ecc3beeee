package org.pipelineledger.query.slippage;

import static org.pipelineledger.query.support.JdbcValues.date;
import static org.pipelineledger.query.support.JdbcValues.instant;
import static org.pipelineledger.query.support.JdbcValues.localDate;
import static org.pipelineledger.query.support.JdbcValues.text;
import static org.pipelineledger.query.support.JdbcValues.timestamp;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.query.support.DealRows;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Slippage: each deal's original and current close date with running totals ({@code slip_opportunity}) and every
 * change ({@code slip_change}).
 * <p>
 * Idempotent: the totals only move when the event claims a higher {@code last_seq} for the deal, in the same
 * statement; changes are keyed by the event's sequence number.
 */
@Component
@ProcessingGroup(SlippageProjection.PROCESSING_GROUP)
class SlippageProjection {

    static final String PROCESSING_GROUP = "slippage";

    private final NamedParameterJdbcTemplate jdbc;
    private final PipelineCatalog catalog;

    SlippageProjection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("id", event.opportunityId().value())
                .addValue("pipeline", event.pipeline())
                .addValue("name", event.name())
                .addValue("owner", text(event.owner()))
                .addValue("closeDate", date(event.closeDate()))
                .addValue("seq", sequence);
        DealRows.insertOnce(jdbc, "slip_opportunity", """
                INSERT INTO slip_opportunity (opportunity_id, pipeline, name, owner, original_close_date,
                    current_close_date, slip_count, slip_days, pull_in_count, pull_in_days, last_seq)
                VALUES (:id, :pipeline, :name, :owner, :closeDate, :closeDate, 0, 0, 0, 0, :seq)""", parameters);
    }

    @EventHandler
    void on(CloseDateSlipped event, @SequenceNumber long sequence, @MetaDataValue("actor") String actor) {
        record(event, sequence, DealSlippage.Direction.SLIPPED, event.from(), event.to(), event.days(),
                event.reason(), actor);
    }

    @EventHandler
    void on(CloseDatePulledIn event, @SequenceNumber long sequence, @MetaDataValue("actor") String actor) {
        record(event, sequence, DealSlippage.Direction.PULLED_IN, event.from(), event.to(), event.days(),
                event.reason(), actor);
    }

    @EventHandler
    void on(OwnerReassigned event, @SequenceNumber long sequence) {
        jdbc.update("""
                UPDATE slip_opportunity SET owner = :owner, last_seq = :seq
                WHERE opportunity_id = :id AND last_seq < :seq""",
                new MapSqlParameterSource()
                        .addValue("id", event.opportunityId().value())
                        .addValue("owner", text(event.to()))
                        .addValue("seq", sequence));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM slip_change");
        jdbc.getJdbcTemplate().update("DELETE FROM slip_opportunity");
    }

    @QueryHandler
    DealSlippage handle(GetSlippage query) {
        String id = query.opportunityId().value();
        MapSqlParameterSource byDeal = new MapSqlParameterSource("id", id);
        List<DealSlippage.Change> changes = jdbc.query("""
                SELECT seq, direction, from_date, to_date, days, reason, actor, occurred_at
                FROM slip_change WHERE opportunity_id = :id ORDER BY seq""",
                byDeal,
                (rs, row) -> new DealSlippage.Change(
                        rs.getLong("seq"),
                        localDate(rs, "from_date"),
                        localDate(rs, "to_date"),
                        rs.getLong("days"),
                        DealSlippage.Direction.valueOf(rs.getString("direction")),
                        instant(rs, "occurred_at"),
                        rs.getString("actor"),
                        rs.getString("reason")));
        return jdbc.query("""
                SELECT opportunity_id, name, owner, pipeline, original_close_date, current_close_date, slip_count,
                    slip_days, pull_in_count, pull_in_days
                FROM slip_opportunity WHERE opportunity_id = :id""",
                byDeal,
                (rs, row) -> new DealSlippage(
                        rs.getString("opportunity_id"),
                        rs.getString("name"),
                        rs.getString("owner"),
                        rs.getString("pipeline"),
                        localDate(rs, "original_close_date"),
                        localDate(rs, "current_close_date"),
                        rs.getInt("slip_count"),
                        rs.getLong("slip_days"),
                        rs.getInt("pull_in_count"),
                        rs.getLong("pull_in_days"),
                        rs.getLong("slip_days") - rs.getLong("pull_in_days"),
                        changes))
                .stream().findFirst().orElseThrow(() -> LedgerException.opportunityNotFound(id));
    }

    @QueryHandler
    SlippageReport handle(GetSlippageReport query) {
        String pipeline = query.pipeline() == null ? null : catalog.require(query.pipeline()).key();
        String where = pipeline == null ? "WHERE slip_count > 0" : "WHERE slip_count > 0 AND pipeline = :pipeline";
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("pipeline", pipeline)
                .addValue("limit", query.limit());
        Long slipped = jdbc.queryForObject("SELECT COUNT(*) FROM slip_opportunity " + where, parameters, Long.class);
        AtomicInteger rank = new AtomicInteger();
        List<SlippageReport.Entry> deals = jdbc.query(
                "SELECT opportunity_id, name, owner, pipeline, original_close_date, current_close_date, slip_count,"
                        + " slip_days, pull_in_count, pull_in_days FROM slip_opportunity " + where
                        + " ORDER BY slip_days DESC, slip_count DESC, opportunity_id FETCH FIRST :limit ROWS ONLY",
                parameters,
                (rs, row) -> new SlippageReport.Entry(
                        rank.incrementAndGet(),
                        rs.getString("opportunity_id"),
                        rs.getString("name"),
                        rs.getString("owner"),
                        rs.getString("pipeline"),
                        localDate(rs, "original_close_date"),
                        localDate(rs, "current_close_date"),
                        rs.getInt("slip_count"),
                        rs.getLong("slip_days"),
                        rs.getInt("pull_in_count"),
                        rs.getLong("slip_days") - rs.getLong("pull_in_days")));
        return new SlippageReport(pipeline, query.limit(), slipped == null ? 0 : slipped, deals);
    }

    private void record(OpportunityEvent event, long sequence, DealSlippage.Direction direction, LocalDate from,
                        LocalDate to, long days, String reason, String actor) {
        long magnitude = Math.abs(days);
        String totals = direction == DealSlippage.Direction.SLIPPED
                ? "slip_count = slip_count + 1, slip_days = slip_days + :days"
                : "pull_in_count = pull_in_count + 1, pull_in_days = pull_in_days + :days";
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("id", event.opportunityId().value())
                .addValue("seq", sequence)
                .addValue("direction", direction.name())
                .addValue("from", date(from))
                .addValue("to", date(to))
                .addValue("days", magnitude)
                .addValue("reason", text(reason))
                .addValue("actor", text(actor))
                .addValue("at", timestamp(event.occurredAt()));
        int claimed = jdbc.update(
                "UPDATE slip_opportunity SET original_close_date = COALESCE(original_close_date, :from, :to),"
                        + " current_close_date = :to, last_seq = :seq, " + totals
                        + " WHERE opportunity_id = :id AND last_seq < :seq", parameters);
        if (claimed == 1) {
            jdbc.update("""
                    INSERT INTO slip_change (opportunity_id, seq, direction, from_date, to_date, days, reason, actor,
                        occurred_at)
                    VALUES (:id, :seq, :direction, :from, :to, :days, :reason, :actor, :at)""", parameters);
        }
    }
}
