package org.pipelineledger.app;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.query.GetReadModelStatus;
import org.pipelineledger.query.ReadModelStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The read models in {@code /actuator/health}: {@value #DEGRADED} while a processor is retrying a failed batch or a
 * read model has parked events (ADR 0012). The ledger still takes commands and answers queries then, so the status maps
 * to 200 (application.yml); the read models are incomplete, and {@code GET /api/read-models/status} says where.
 */
@Component("readModels")
class ReadModelsHealthIndicator implements HealthIndicator {

    static final String DEGRADED = "DEGRADED";

    private final QueryGateway queryGateway;

    ReadModelsHealthIndicator(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @Override
    public Health health() {
        ReadModelStatus status = queryGateway.query(new GetReadModelStatus(), ReadModelStatus.class).join();
        Map<String, Object> failing = new LinkedHashMap<>();
        for (ReadModelStatus.Processor processor : status.processors()) {
            if (processor.failing()) {
                failing.put(processor.name(), processor.error() != null ? processor.error().type()
                        : processor.parkedDeals() + " deal(s) parked");
            }
        }
        Health.Builder health = failing.isEmpty() ? Health.up() : Health.status(new Status(DEGRADED,
                "read models incomplete: see /api/read-models/status"));
        return health.withDetail("upToDate", status.upToDate())
                .withDetail("parkedDeals", status.parked().size())
                .withDetail("failing", failing)
                .build();
    }
}
