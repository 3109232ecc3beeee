package org.pipelineledger.query.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.problem.LedgerException;
import org.springframework.stereotype.Component;

/**
 * Deal history, read from the event store itself rather than from a projection: the stream is already the complete,
 * ordered record, and reading it needs no processor to catch up.
 */
@Component
class DealHistoryQueries {

    private final EventStore eventStore;
    private final ObjectMapper payloadMapper;

    /**
     * @param webMapper the web layer's ObjectMapper, so payloads follow the API's JSON conventions; it is copied,
     *                  never changed, to write typed ids and stage keys as plain strings, money as amount and
     *                  currency, dates as ISO strings, and decimals exactly as recorded
     */
    DealHistoryQueries(EventStore eventStore, ObjectMapper webMapper) {
        this.eventStore = eventStore;
        this.payloadMapper = webMapper.copy()
                .addMixIn(OpportunityId.class, BareValue.class)
                .addMixIn(StageKey.class, BareValue.class)
                .addMixIn(Money.class, AmountAndCurrency.class)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    @QueryHandler
    DealHistory handle(GetDealHistory query) {
        String id = query.opportunityId().value();
        // from sequence 0 rather than readEvents(id): that one starts at the latest snapshot when there is one
        DomainEventStream stream = eventStore.readEvents(id, 0);
        List<DealHistory.Entry> entries = new ArrayList<>();
        while (stream.hasNext()) {
            entries.add(entry(stream.next()));
        }
        if (entries.isEmpty()) {
            throw LedgerException.opportunityNotFound(id);
        }
        return new DealHistory(id, List.copyOf(entries));
    }

    private DealHistory.Entry entry(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        Map<String, Object> metadata = new TreeMap<>(message.getMetaData());
        return new DealHistory.Entry(
                message.getSequenceNumber(),
                message.getPayloadType().getSimpleName(),
                payload instanceof OpportunityEvent event ? event.occurredAt() : null,
                message.getTimestamp(),
                payloadMapper.valueToTree(payload),
                metadata);
    }

    /** Jackson mix-in: write a single-value record as its bare value. */
    private abstract static class BareValue {
        @JsonValue
        abstract String value();
    }

    /** Jackson mix-in: Money's {@code isNegative()}/{@code isPositive()} are helpers, not fields of the event. */
    @JsonIgnoreProperties({"negative", "positive"})
    private abstract static class AmountAndCurrency {
    }
}
