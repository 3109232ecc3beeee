package org.pipelineledger.query.asof;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.pipelineledger.events.OpportunityEvent;

/**
 * One event of a deal as the event store holds it, with its two times (ADR 0003): {@code occurredAt}, the business
 * time in its payload, and {@code recordedAt}, Axon's timestamp, when the store accepted it.
 */
record RecordedEvent(long sequence, OpportunityEvent event, Instant occurredAt, Instant recordedAt,
                     Map<String, ?> metadata) {

    /** The deal's events from sequence 0 (not from a snapshot, as {@code readEvents(id)} would); empty if unknown. */
    static List<RecordedEvent> of(EventStore eventStore, String id) {
        DomainEventStream stream = eventStore.readEvents(id, 0);
        List<RecordedEvent> events = new ArrayList<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            // a sales target's stream shares the store but is no deal
            if (message.getPayload() instanceof OpportunityEvent event) {
                events.add(new RecordedEvent(message.getSequenceNumber(), event, event.occurredAt(),
                        message.getTimestamp(), message.getMetaData()));
            }
        }
        return List.copyOf(events);
    }

    /**
     * How many of the deal's first events the ledger held as of {@code asOf} (business time) known at
     * {@code knownAt} (record time): the events before the first that occurred after {@code asOf} or was recorded
     * after {@code knownAt}. Each bound alone cuts a prefix of the stream; both together cut the shorter one
     * (docs/as-of.md, ADR 0016). Both bounds are inclusive.
     */
    static int prefix(List<RecordedEvent> events, Instant asOf, Instant knownAt) {
        int length = 0;
        while (length < events.size()) {
            RecordedEvent next = events.get(length);
            if (next.occurredAt().isAfter(asOf) || next.recordedAt().isAfter(knownAt)) {
                break;
            }
            length++;
        }
        return length;
    }

    /** The deal's state after the first {@code length} events; {@code null} for none. */
    static DealState fold(List<RecordedEvent> events, int length) {
        DealState state = null;
        for (int i = 0; i < length; i++) {
            state = DealFold.apply(state, events.get(i).event(), events.get(i).sequence());
        }
        return state;
    }
}
