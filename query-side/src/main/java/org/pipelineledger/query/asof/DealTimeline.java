package org.pipelineledger.query.asof;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A deal's timeline for an auditor: every event in order, with the deal's state after it and the fields it changed.
 *
 * @param events oldest first
 */
public record DealTimeline(String id, List<Entry> events) {

    /**
     * One event.
     *
     * @param sequence      position in the deal's stream, from 0
     * @param type          the event's simple name, such as {@code StageReverted}
     * @param occurredAt    business time of the change
     * @param recordedAt    when the event store accepted it; later than {@code occurredAt} for backdated events
     * @param actor         who sent the command (metadata {@code actor}), {@code null} if not recorded
     * @param requestId     metadata {@code requestId}
     * @param correlationId metadata {@code correlationId}
     * @param remarks       what the event says in words, by its field: a note's {@code text}, a revert's
     *                      {@code reason} and {@code note}, a slip's {@code reason}, ...; empty for none
     * @param changes       the fields whose value the event changed, old and new; all the deal's fields for its
     *                      creation, none for a note
     * @param state         the deal after the event
     * @param hash          the event's chain hash in hex, as {@code audit_event_hash} holds it; {@code null} when
     *                      there is no row (whether that is a break is for {@code /api/audit/verify} to say)
     * @param chainedBy     {@code APPEND} or {@code MIGRATION}, with the hash; {@code null} without one
     */
    public record Entry(
            long sequence,
            String type,
            Instant occurredAt,
            Instant recordedAt,
            String actor,
            String requestId,
            String correlationId,
            Map<String, String> remarks,
            List<FieldChange> changes,
            DealState state,
            String hash,
            String chainedBy) {
    }
}
