package org.pipelineledger.query.flow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.TargetSet;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.TestDatabase;

/** The flow projection and its queries on a fresh database, fed deals' events and targets as a processor would. */
final class FlowFixture {

    final FlowProjection projection;
    final FlowQueries queries;
    final EventFeed feed;
    private final AnnotationEventHandlerAdapter targets;
    private final Map<String, Long> targetSequence = new HashMap<>();
    private final Map<String, Money> current = new HashMap<>();

    FlowFixture() {
        var jdbc = TestDatabase.migrated();
        projection = new FlowProjection(jdbc);
        queries = new FlowQueries(jdbc, PipelineCatalog.withDefaultPipeline());
        feed = new EventFeed(projection);
        targets = new AnnotationEventHandlerAdapter(projection);
    }

    /** A TargetSet in the period's stream of the default pipeline, set by {@code actor}, with the previous amount. */
    TargetSet target(String actor, String period, TargetSet.Kind kind, String name, String amount, Instant at) {
        String stream = "targets/default/" + period;
        String key = period + kind + name;
        TargetSet event = new TargetSet(period, "default", kind, name, Money.of(new BigDecimal(amount), "USD"),
                current.get(key), at);
        current.put(key, event.amount());
        deliver(stream, targetSequence.merge(stream, 1L, Long::sum) - 1, event, actor);
        return event;
    }

    /** Delivers a target event again at its sequence number, as a redelivery does. */
    void deliver(String stream, long sequence, TargetSet event, String actor) {
        try {
            targets.handle(new GenericDomainEventMessage<>("PeriodTargets", stream, sequence, event,
                    MetaData.with("actor", actor)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
