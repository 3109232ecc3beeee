package org.pipelineledger.query.flow;

import static org.pipelineledger.query.support.JdbcValues.date;
import static org.pipelineledger.query.support.JdbcValues.numeric;
import static org.pipelineledger.query.support.JdbcValues.text;
import static org.pipelineledger.query.support.JdbcValues.timestamp;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.events.TargetSet;
import org.pipelineledger.query.support.DealRows;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Flow: each deal's stays in stages ({@code flow_visit}, for conversion), its open state, close date and amount after
 * every change of one of them ({@code flow_state}, for the waterfall), its current state ({@code flow_deal}, for
 * coverage) and the targets ({@code flow_target}).
 * <p>
 * Idempotent: a deal's event changes anything only when it claims a higher {@code last_seq} on {@code flow_deal}, and
 * its other rows are keyed by the event's sequence number; a target only when its sequence number in the period's
 * stream is above the row's.
 */
@Component
@ProcessingGroup(FlowProjection.PROCESSING_GROUP)
class FlowProjection {

    static final String PROCESSING_GROUP = "flow";

    private final NamedParameterJdbcTemplate jdbc;

    FlowProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence) {
        MapSqlParameterSource parameters = parameters(event, sequence)
                .addValue("pipeline", event.pipeline())
                .addValue("owner", text(event.owner()))
                .addValue("team", text(event.profile().team()))
                .addValue("stage", event.stage().value())
                .addValue("amount", numeric(event.amount().amount()))
                .addValue("closeDate", date(event.closeDate()));
        if (DealRows.insertOnce(jdbc, "flow_deal", """
                INSERT INTO flow_deal (opportunity_id, pipeline, owner, team, stage, is_open, amount, close_date,
                    last_seq)
                VALUES (:id, :pipeline, :owner, :team, :stage, TRUE, :amount, :closeDate, :seq)""", parameters)) {
            enter(parameters);
            jdbc.update("""
                    INSERT INTO flow_state (opportunity_id, seq, pipeline, kind, occurred_at, is_open, close_date,
                        amount)
                    VALUES (:id, :seq, :pipeline, 'CREATED', :at, TRUE, :closeDate, :amount)""", parameters);
        }
    }

    @EventHandler
    void on(StageAdvanced event, @SequenceNumber long sequence) {
        move(event, sequence, event.to(), "ADVANCED");
    }

    @EventHandler
    void on(StageReverted event, @SequenceNumber long sequence) {
        move(event, sequence, event.to(), "REVERTED");
    }

    @EventHandler
    void on(OpportunityWon event, @SequenceNumber long sequence) {
        close(event, sequence, "WON");
    }

    @EventHandler
    void on(OpportunityLost event, @SequenceNumber long sequence) {
        close(event, sequence, "LOST");
    }

    @EventHandler
    void on(OpportunityReopened event, @SequenceNumber long sequence) {
        MapSqlParameterSource parameters = parameters(event, sequence).addValue("stage", event.stage().value());
        if (claim("is_open = TRUE, stage = :stage", parameters)) {
            enter(parameters);
            state("REOPENED", parameters);
        }
    }

    @EventHandler
    void on(CloseDateSlipped event, @SequenceNumber long sequence) {
        MapSqlParameterSource parameters = parameters(event, sequence).addValue("closeDate", date(event.to()));
        if (claim("close_date = :closeDate", parameters)) {
            state("CLOSE_DATE", parameters);
        }
    }

    @EventHandler
    void on(CloseDatePulledIn event, @SequenceNumber long sequence) {
        MapSqlParameterSource parameters = parameters(event, sequence).addValue("closeDate", date(event.to()));
        if (claim("close_date = :closeDate", parameters)) {
            state("CLOSE_DATE", parameters);
        }
    }

    @EventHandler
    void on(AmountChanged event, @SequenceNumber long sequence) {
        MapSqlParameterSource parameters = parameters(event, sequence)
                .addValue("amount", numeric(event.to().amount()));
        if (claim("amount = :amount", parameters)) {
            state("AMOUNT", parameters);
        }
    }

    @EventHandler
    void on(OwnerReassigned event, @SequenceNumber long sequence) {
        claim("owner = :owner", parameters(event, sequence).addValue("owner", text(event.to())));
    }

    @EventHandler
    void on(TargetSet event, @SequenceNumber long sequence, @MetaDataValue("actor") String actor) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("pipeline", event.pipeline())
                .addValue("period", event.period())
                .addValue("kind", event.kind().name())
                .addValue("name", event.name())
                .addValue("amount", numeric(event.amount().amount()))
                .addValue("at", timestamp(event.occurredAt()))
                .addValue("actor", text(actor))
                .addValue("seq", sequence);
        String key = " WHERE pipeline = :pipeline AND period = :period AND kind = :kind AND name = :name";
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM flow_target" + key, parameters, Integer.class);
        if (known != null && known > 0) {
            jdbc.update("UPDATE flow_target SET amount = :amount, set_at = :at, set_by = :actor, last_seq = :seq"
                    + key + " AND last_seq < :seq", parameters);
        } else {
            jdbc.update("""
                    INSERT INTO flow_target (pipeline, period, kind, name, amount, set_at, set_by, last_seq)
                    VALUES (:pipeline, :period, :kind, :name, :amount, :at, :actor, :seq)""", parameters);
        }
    }

    @ResetHandler
    void reset() {
        for (String table : new String[] {"flow_visit", "flow_state", "flow_deal", "flow_target"}) {
            jdbc.getJdbcTemplate().update("DELETE FROM " + table);
        }
    }

    private void move(OpportunityEvent event, long sequence, StageKey to, String how) {
        MapSqlParameterSource parameters = parameters(event, sequence)
                .addValue("stage", to.value())
                .addValue("how", how);
        if (claim("stage = :stage", parameters)) {
            leave(parameters);
            enter(parameters);
        }
    }

    private void close(OpportunityEvent event, long sequence, String how) {
        MapSqlParameterSource parameters = parameters(event, sequence).addValue("how", how);
        if (claim("is_open = FALSE", parameters)) {
            leave(parameters);
            state(how, parameters);
        }
    }

    /** Applies {@code assignments} to the deal's row if this event is newer than the last one applied. */
    private boolean claim(String assignments, MapSqlParameterSource parameters) {
        return jdbc.update("UPDATE flow_deal SET " + assignments + ", last_seq = :seq"
                + " WHERE opportunity_id = :id AND last_seq < :seq", parameters) == 1;
    }

    /** A stay begins in {@code :stage}. */
    private void enter(MapSqlParameterSource parameters) {
        jdbc.update("""
                INSERT INTO flow_visit (opportunity_id, entered_seq, pipeline, stage, entered_at)
                SELECT opportunity_id, :seq, pipeline, :stage, :at FROM flow_deal WHERE opportunity_id = :id""",
                parameters);
    }

    /** The running stay ends, {@code :how}. */
    private void leave(MapSqlParameterSource parameters) {
        jdbc.update("""
                UPDATE flow_visit SET left_seq = :seq, left_how = :how
                WHERE opportunity_id = :id AND left_seq IS NULL AND entered_seq < :seq""", parameters);
    }

    /** The deal's state after the event (its claimed row) next to the state before it, which stops holding now. */
    private void state(String kind, MapSqlParameterSource parameters) {
        parameters.addValue("kind", kind);
        jdbc.update("""
                INSERT INTO flow_state (opportunity_id, seq, pipeline, kind, occurred_at, was_open, was_close_date,
                    amount_before, is_open, close_date, amount)
                SELECT d.opportunity_id, :seq, d.pipeline, :kind, :at, p.is_open, p.close_date, p.amount, d.is_open,
                    d.close_date, d.amount
                FROM flow_deal d JOIN flow_state p ON p.opportunity_id = d.opportunity_id AND p.valid_to IS NULL
                WHERE d.opportunity_id = :id""", parameters);
        jdbc.update("""
                UPDATE flow_state SET valid_to = :at
                WHERE opportunity_id = :id AND valid_to IS NULL AND seq < :seq""", parameters);
    }

    private static MapSqlParameterSource parameters(OpportunityEvent event, long sequence) {
        return new MapSqlParameterSource()
                .addValue("id", event.opportunityId().value())
                .addValue("seq", sequence)
                .addValue("at", timestamp(event.occurredAt()));
    }
}
