package org.pipelineledger.query.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.pipelineledger.events.OpportunityEvent;

/**
 * Feeds events to a projection the way an event processor does: as domain event messages with per-deal sequence
 * numbers and metadata, through Axon's annotation adapter (so {@code @SequenceNumber}, {@code @MetaDataValue} and
 * {@code @ResetHandler} are resolved for real).
 */
public final class EventFeed {

    private final AnnotationEventHandlerAdapter adapter;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<DomainEventMessage<?>> history = new ArrayList<>();

    public EventFeed(Object projection) {
        this.adapter = new AnnotationEventHandlerAdapter(projection);
    }

    public EventFeed publish(OpportunityEvent... events) {
        for (OpportunityEvent event : events) {
            publishAs("rep", event);
        }
        return this;
    }

    public EventFeed publishAs(String actor, OpportunityEvent event) {
        String id = event.opportunityId().value();
        long sequence = nextSequence.merge(id, 1L, Long::sum) - 1;
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("Opportunity", id, sequence, event,
                MetaData.with("actor", actor).and("requestId", "req-" + id + "-" + sequence));
        history.add(message);
        deliver(message);
        return this;
    }

    /**
     * Publishes the events as one batch of a streaming processor: one {@link BatchingUnitOfWork} around all of them,
     * committed at the end, so a projection that writes at commit is exercised as in production.
     */
    public EventFeed publishInOneBatch(OpportunityEvent... events) {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (OpportunityEvent event : events) {
            String id = event.opportunityId().value();
            long sequence = nextSequence.merge(id, 1L, Long::sum) - 1;
            batch.add(new GenericDomainEventMessage<>("Opportunity", id, sequence, event,
                    MetaData.with("actor", "rep").and("requestId", "req-" + id + "-" + sequence)));
        }
        history.addAll(batch);
        deliverInOneBatch(batch);
        return this;
    }

    /** Delivers every event published so far once more, in one batch: a replay without reset. */
    public void redeliverAllInOneBatch() {
        deliverInOneBatch(List.copyOf(history));
    }

    /** Delivers every event published so far once more, in order: a redelivery or a replay without reset. */
    public void redeliverAll() {
        List.copyOf(history).forEach(this::deliver);
    }

    /** Resets the projection, as a processor does before a replay, and replays every event published so far. */
    public void resetAndReplay() {
        reset();
        List.copyOf(history).forEach(this::deliver);
    }

    public void reset() {
        adapter.prepareReset();
    }

    private void deliverInOneBatch(List<DomainEventMessage<?>> batch) {
        BatchingUnitOfWork<DomainEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> adapter.handle(unitOfWork.getMessage()));
        if (result.isExceptional()) {
            throw new IllegalStateException("projection failed on a batch", result.exceptionResult());
        }
    }

    private void deliver(DomainEventMessage<?> message) {
        try {
            adapter.handle(message);
        } catch (Exception e) {
            throw new IllegalStateException("projection failed on " + message.getPayloadType().getSimpleName(), e);
        }
    }
}
