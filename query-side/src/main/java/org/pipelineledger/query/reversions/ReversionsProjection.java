package org.pipelineledger.query.reversions;

import org.pipelineledger.query.support.Days;
import static org.pipelineledger.query.support.JdbcValues.instant;
import static org.pipelineledger.query.support.JdbcValues.text;
import static org.pipelineledger.query.support.JdbcValues.timestamp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.support.DealRows;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Backward moves: every StageReverted ({@code rev_reversion}) with the deal's name and owner at the time, which this
 * projection tracks itself ({@code rev_opportunity}) rather than reading another read model.
 * <p>
 * Idempotent: owner changes and reversions only apply when they claim a higher {@code last_seq} for the deal, and
 * reversions are keyed by the event's sequence number.
 */
@Component
@ProcessingGroup(ReversionsProjection.PROCESSING_GROUP)
class ReversionsProjection {

    static final String PROCESSING_GROUP = "reversions";

    private static final String UNASSIGNED = "(unassigned)";

    private final NamedParameterJdbcTemplate jdbc;
    private final PipelineCatalog catalog;

    ReversionsProjection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog) {
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
                .addValue("seq", sequence);
        DealRows.insertOnce(jdbc, "rev_opportunity", """
                INSERT INTO rev_opportunity (opportunity_id, pipeline, name, owner, last_seq)
                VALUES (:id, :pipeline, :name, :owner, :seq)""", parameters);
    }

    @EventHandler
    void on(OwnerReassigned event, @SequenceNumber long sequence) {
        jdbc.update("""
                UPDATE rev_opportunity SET owner = :owner, last_seq = :seq
                WHERE opportunity_id = :id AND last_seq < :seq""",
                new MapSqlParameterSource()
                        .addValue("id", event.opportunityId().value())
                        .addValue("owner", text(event.to()))
                        .addValue("seq", sequence));
    }

    @EventHandler
    void on(StageReverted event, @SequenceNumber long sequence, @MetaDataValue("actor") String actor) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("id", event.opportunityId().value())
                .addValue("seq", sequence)
                .addValue("from", event.from().value())
                .addValue("to", event.to().value())
                .addValue("reason", event.reason().name())
                .addValue("note", text(event.note()))
                .addValue("actor", text(actor))
                .addValue("at", timestamp(event.occurredAt()));
        int claimed = jdbc.update("""
                UPDATE rev_opportunity SET last_seq = :seq WHERE opportunity_id = :id AND last_seq < :seq""",
                parameters);
        if (claimed == 1) {
            jdbc.update("""
                    INSERT INTO rev_reversion (opportunity_id, seq, pipeline, opportunity_name, owner, from_stage,
                        to_stage, reason, note, actor, occurred_at)
                    SELECT opportunity_id, :seq, pipeline, name, owner, :from, :to, :reason, :note, :actor, :at
                    FROM rev_opportunity WHERE opportunity_id = :id""", parameters);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM rev_reversion");
        jdbc.getJdbcTemplate().update("DELETE FROM rev_opportunity");
    }

    @QueryHandler
    ReversionReport handle(GetReversions query) {
        String pipeline = query.pipeline() == null ? null : catalog.require(query.pipeline()).key();
        List<String> conditions = new ArrayList<>();
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        if (query.from() != null) {
            conditions.add("occurred_at >= :start");
            parameters.addValue("start", timestamp(Days.startOf(query.from())));
        }
        if (query.to() != null) {
            conditions.add("occurred_at < :end");
            parameters.addValue("end", timestamp(Days.endOf(query.to())));
        }
        if (query.owner() != null) {
            conditions.add("owner = :owner");
            parameters.addValue("owner", query.owner());
        }
        if (pipeline != null) {
            conditions.add("pipeline = :pipeline");
            parameters.addValue("pipeline", pipeline);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        List<ReversionReport.Reversion> reversions = jdbc.query(
                "SELECT opportunity_id, seq, pipeline, opportunity_name, owner, from_stage, to_stage, reason, note,"
                        + " actor, occurred_at FROM rev_reversion" + where
                        + " ORDER BY occurred_at DESC, opportunity_id, seq DESC",
                parameters,
                (rs, row) -> new ReversionReport.Reversion(
                        rs.getString("opportunity_id"),
                        rs.getString("opportunity_name"),
                        rs.getString("owner"),
                        rs.getString("pipeline"),
                        rs.getLong("seq"),
                        rs.getString("from_stage"),
                        rs.getString("to_stage"),
                        ReversionReason.valueOf(rs.getString("reason")),
                        rs.getString("note"),
                        rs.getString("actor"),
                        instant(rs, "occurred_at")));

        Map<ReversionReason, Long> byReason = new EnumMap<>(ReversionReason.class);
        for (ReversionReason reason : ReversionReason.values()) {
            byReason.put(reason, 0L);
        }
        reversions.forEach(r -> byReason.merge(r.reason(), 1L, Long::sum));
        return new ReversionReport(query.from(), query.to(), query.owner(), pipeline, reversions.size(),
                byReason,
                countDescending(reversions, r -> r.owner() == null ? UNASSIGNED : r.owner()),
                countDescending(reversions, ReversionReport.Reversion::fromStage),
                reversions);
    }

    private static Map<String, Long> countDescending(List<ReversionReport.Reversion> reversions,
                                                     Function<ReversionReport.Reversion, String> key) {
        Map<String, Long> counts = new HashMap<>();
        reversions.forEach(r -> counts.merge(key.apply(r), 1L, Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
