package org.pipelineledger.query;

import java.util.List;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * How the read models are fed: the four processing groups run together on one pooled streaming event processor,
 * {@value #SHARED_PROCESSOR} (ADR 0007), or with {@code ledger.processing.shared-processor=false} each on its own
 * (ADR 0002); either way a processor can be replayed, reads events in batches of
 * {@code ledger.processing.batch-size} (default {@value #DEFAULT_BATCH_SIZE}) over {@code ledger.processing.segments}
 * segments (default {@value #DEFAULT_SEGMENTS}),
 * each batch in one database transaction (Axon's SpringTransactionManager over the JDBC DataSourceTransactionManager,
 * which the projections' JdbcTemplate joins), and starts a fresh read model at the tail of the event store so it is
 * built from the very first event.
 * <p>
 * A failing event handler fails its batch instead of being logged and skipped (Axon's default): the batch rolls back
 * and the segment retries with back-off, so a read model is never silently missing an event.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    static final int DEFAULT_BATCH_SIZE = 200;

    /**
     * Segments a processor lays out when it starts on an empty token store (Axon's default is 16). One: the four
     * processors already keep both cores of a small machine busy, and every extra segment adds a thread, a token row
     * and a transaction per batch (docs/benchmarks.md, tuning log). Existing token stores keep their segments.
     */
    static final int DEFAULT_SEGMENTS = 1;

    /** The processing groups of the query side, one per read model. */
    static final List<String> PROCESSING_GROUPS = List.of("board", "days-in-stage", "slippage", "reversions");

    /**
     * The processor every processing group is assigned to by default: one read of the event store, one
     * deserialisation of each event and one transaction per batch for all four read models.
     */
    static final String SHARED_PROCESSOR = "projections";

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing,
                             @Value("${ledger.processing.batch-size:" + DEFAULT_BATCH_SIZE + "}") int batchSize,
                             @Value("${ledger.processing.segments:" + DEFAULT_SEGMENTS + "}") int segments,
                             @Value("${ledger.processing.shared-processor:true}") boolean shared) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("ledger.processing.batch-size must be at least 1, was " + batchSize);
        }
        if (segments < 1) {
            throw new IllegalArgumentException("ledger.processing.segments must be at least 1, was " + segments);
        }
        processing.usingPooledStreamingEventProcessors();
        List<String> processors = shared ? List.of(SHARED_PROCESSOR) : PROCESSING_GROUPS;
        if (shared) {
            PROCESSING_GROUPS.forEach(group -> processing.assignProcessingGroup(group, SHARED_PROCESSOR));
        }
        // configured by name rather than registered, so axon.eventhandling.processors.<name>.* properties still apply
        processors.forEach(processor -> processing
                .registerPooledStreamingEventProcessorConfiguration(processor, (configuration, builder) -> builder
                        .batchSize(batchSize)
                        .initialSegmentCount(segments)
                        .initialToken(StreamableMessageSource::createTailToken)));
        PROCESSING_GROUPS.forEach(group -> processing
                .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance()));
    }
}
