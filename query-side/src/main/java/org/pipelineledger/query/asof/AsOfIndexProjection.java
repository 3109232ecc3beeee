package org.pipelineledger.query.asof;

import static org.pipelineledger.query.support.JdbcValues.instant;
import static org.pipelineledger.query.support.JdbcValues.numeric;
import static org.pipelineledger.query.support.JdbcValues.text;
import static org.pipelineledger.query.support.JdbcValues.timestamp;

import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.OpportunityEvent;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The as-of index ({@code as_of_event}, V22): for every deal event the deal's board-relevant state after it and the
 * times between which that state held, so that {@link BoardAsOfQueries} finds each deal's state at (T, K) in one scan
 * instead of replaying every event (docs/as-of.md, ADR 0016). The deal's state is folded by {@link DealFold}, the same
 * rules the as-of deal and the timeline use. An event at or below the deal's last indexed sequence changes nothing
 * (ADR 0004); an event whose predecessor is not indexed cannot be folded and fails, so it is parked (ADR 0012) and the
 * board replays that deal from the store.
 */
@Component
@ProcessingGroup(AsOfIndexProjection.PROCESSING_GROUP)
class AsOfIndexProjection {

    static final String PROCESSING_GROUP = "as-of";

    /** {@code next_*_to} of a deal's latest row: later than any instant the API accepts. */
    static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    private final NamedParameterJdbcTemplate jdbc;

    AsOfIndexProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        String id = event.opportunityId().value();
        List<Row> rows = jdbc.query("""
                        SELECT seq, pipeline, owner, stage, status, amount, occurred_to, recorded_to FROM as_of_event
                        WHERE opportunity_id = :id AND seq IN (:previous, :sequence)""",
                new MapSqlParameterSource("id", id).addValue("previous", sequence - 1).addValue("sequence", sequence),
                (rs, n) -> new Row(rs.getLong("seq"), new DealState(id, null, null, rs.getString("owner"),
                        rs.getString("pipeline"), rs.getString("stage"), DealStatus.valueOf(rs.getString("status")),
                        rs.getBigDecimal("amount"), null, null, null, null, null, null, null, null, rs.getLong("seq"),
                        null), instant(rs, "occurred_to"), instant(rs, "recorded_to")));
        if (rows.stream().anyMatch(row -> row.sequence() == sequence)) {
            return; // redelivered
        }
        Row previous = rows.stream().findFirst().orElse(null);
        if (previous == null && sequence > 0) {
            throw new IllegalStateException("as-of index: deal " + id + " has no row for event " + (sequence - 1)
                    + ", so event " + sequence + " cannot be folded");
        }
        DealState state = DealFold.apply(previous == null ? null : previous.state(), event, sequence);
        Instant occurredTo = previous == null ? event.occurredAt() : latest(previous.occurredTo(), event.occurredAt());
        Instant recordedTo = previous == null ? recordedAt : latest(previous.recordedTo(), recordedAt);
        MapSqlParameterSource row = new MapSqlParameterSource("id", id)
                .addValue("seq", sequence)
                .addValue("pipeline", state.pipeline())
                .addValue("owner", text(state.owner()))
                .addValue("stage", state.stage())
                .addValue("status", state.status().name())
                .addValue("amount", numeric(state.amount()))
                .addValue("occurredTo", timestamp(occurredTo))
                .addValue("recordedTo", timestamp(recordedTo))
                .addValue("never", timestamp(NEVER));
        jdbc.update("""
                INSERT INTO as_of_event (opportunity_id, seq, pipeline, owner, stage, status, amount, occurred_to,
                    recorded_to, next_occurred_to, next_recorded_to)
                VALUES (:id, :seq, :pipeline, :owner, :stage, :status, :amount, :occurredTo, :recordedTo, :never,
                    :never)""", row);
        if (previous != null) {
            // the previous state held until this event's times
            jdbc.update("""
                    UPDATE as_of_event SET next_occurred_to = :occurredTo, next_recorded_to = :recordedTo
                    WHERE opportunity_id = :id AND seq = :previous""", row.addValue("previous", previous.sequence()));
        }
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM as_of_event");
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private record Row(long sequence, DealState state, Instant occurredTo, Instant recordedTo) {
    }
}
