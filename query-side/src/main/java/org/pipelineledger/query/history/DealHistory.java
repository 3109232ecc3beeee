package org.pipelineledger.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ordered events of one deal, read straight from the event store.
 *
 * @param events oldest first
 */
public record DealHistory(String id, List<Entry> events) {

    /**
     * One event.
     *
     * @param sequence   position in the deal's stream, from 0; the deal's version after this event
     * @param type       the event's simple name, such as {@code StageReverted}
     * @param occurredAt business time of the change
     * @param recordedAt when the event store accepted the event
     * @param payload    the event's fields as JSON (ids and stage keys as plain strings)
     * @param metadata   the event's metadata: {@code actor}, {@code requestId}, {@code correlationId} and whatever
     *                   else was recorded (Axon adds {@code traceId})
     */
    public record Entry(
            long sequence,
            String type,
            Instant occurredAt,
            Instant recordedAt,
            JsonNode payload,
            Map<String, Object> metadata) {
    }
}
