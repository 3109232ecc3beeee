package org.pipelineledger.app.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * {@value #NAME}: the events this node appended to the store, by type, counted once the unit of work that appended
 * them has committed (Axon's event store reports an event's success after the commit and its failure on a rollback,
 * which counts nothing). It watches the store's publishing beside the chaining storage engine (ADR 0016), which it
 * leaves as it is.
 */
final class EventMetrics implements MessageMonitor<Message<?>> {

    static final String NAME = "ledger.events.appended";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        String type = message.getPayloadType().getSimpleName();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                counters.computeIfAbsent(type, ignored -> Counter.builder(NAME)
                                .description("Events appended to the event store and committed, by type")
                                .tag("type", type)
                                .register(registry))
                        .increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                // rolled back: nothing was appended
            }

            @Override
            public void reportIgnored() {
                // the event store never ignores an event
            }
        };
    }
}
