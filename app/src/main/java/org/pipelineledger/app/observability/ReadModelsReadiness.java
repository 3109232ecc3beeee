package org.pipelineledger.app.observability;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.query.GetReadModelStatus;
import org.pipelineledger.query.ReadModelStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Readiness ({@code /actuator/health/readiness}): OUT_OF_SERVICE after start until the first time every processor
 * is within {@code ledger.readiness.max-lag-events} of the store's head (0: at the head), so that a node a load
 * balancer sends reads to answers them from caught-up read models; then UP for good. A read model that degrades
 * later (a batch retried, a deal parked, ADR 0012) does not make the node unready: it still takes commands and
 * answers queries, and {@code /actuator/health} reports it as DEGRADED. Only the readiness group contains this
 * indicator ({@link ProbeGroups}), so {@code /actuator/health} itself is unchanged by it.
 */
final class ReadModelsReadiness implements HealthIndicator {

    static final String NAME = "readModelsCaughtUp";

    private final QueryGateway queryGateway;
    private final long maxLagEvents;
    private final Clock clock;
    private volatile Instant readySince;

    ReadModelsReadiness(QueryGateway queryGateway, long maxLagEvents, Clock clock) {
        if (maxLagEvents < 0) {
            throw new IllegalArgumentException("ledger.readiness.max-lag-events must be 0 or more, was " + maxLagEvents);
        }
        this.queryGateway = queryGateway;
        this.maxLagEvents = maxLagEvents;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant since = readySince;
        if (since != null) {
            return Health.up().withDetail("caughtUpAt", since).build();
        }
        ReadModelStatus status = queryGateway.query(new GetReadModelStatus(), ReadModelStatus.class).join();
        Map<String, Object> behind = new LinkedHashMap<>();
        boolean caughtUp = !status.processors().isEmpty();
        for (ReadModelStatus.Processor processor : status.processors()) {
            // null: no segment claimed yet, so nothing says how far it is
            behind.put(processor.name(), processor.behind() == null ? "unknown" : processor.behind());
            caughtUp &= processor.behind() != null && processor.behind() <= maxLagEvents;
        }
        if (!caughtUp) {
            return Health.outOfService().withDetail("head", status.head()).withDetail("behind", behind)
                    .withDetail("maxLagEvents", maxLagEvents).build();
        }
        readySince = clock.instant();
        return Health.up().withDetail("caughtUpAt", readySince).build();
    }
}
