package org.pipelineledger.query;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * How the read models are fed: every processing group on one pooled streaming processor,
 * {@value #SHARED_PROCESSOR} (ADR 0007; each on its own with {@code ledger.processing.shared-processor=false}, ADR
 * 0002), in batches of one transaction each, a fresh read model starting at the first event; Axon's
 * {@code axon.eventhandling.processors.<name>.*} properties override the defaults here. A failing event is parked
 * per deal in the read model's dead-letter queue (ADR 0012) and the rest goes on. Several nodes on one database (ADR
 * 0018): short claims renewed every second, and each node its fair share of the segments ({@link NodeRegistry}).
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    /** Events per batch (Axon's default is 1): one transaction per batch for all the read models (ADR 0002). */
    static final int DEFAULT_BATCH_SIZE = 200;

    /**
     * Segments a processor lays out when it starts on an empty token store (Axon's default is 16). One: the read models'
     * processing already keeps both cores of a small machine busy, and every extra segment adds a thread, a token row
     * and a transaction per batch (docs/benchmarks.md, tuning log). Existing token stores keep their segments.
     */
    static final int DEFAULT_SEGMENTS = 1;

    /**
     * How long a segment's claim holds without being extended before another node may take it over (Axon's default
     * is 10 s): with claims extended every {@link #DEFAULT_CLAIM_EXTENSION} and other nodes trying every
     * {@link #DEFAULT_TOKEN_CLAIM_INTERVAL}, a killed node's segments are taken over within about 5-6 s, and a pause of
     * up to 4 s (a long garbage collection) does not lose a claim. ADR 0018.
     */
    static final String DEFAULT_CLAIM_TIMEOUT = "5s";

    /** How often an idle segment's claim is extended (Axon's default is 5 s, half its claim timeout); ADR 0018. */
    static final String DEFAULT_CLAIM_EXTENSION = "1s";

    /** How often a processor tries to claim segments nobody holds (Axon's default is 5 s); ADR 0018. */
    static final long DEFAULT_TOKEN_CLAIM_INTERVAL = 1_000;

    /** The processing groups of the query side, one per read model; "as-of" is the as-of index (issue 21, V22). */
    static final List<String> PROCESSING_GROUPS = List.of("board", "days-in-stage", "slippage", "reversions",
            "metrics", "flow", "as-of");

    /**
     * The processor every processing group is assigned to by default: one read of the event store, one
     * deserialisation of each event and one transaction per batch for all the read models.
     */
    static final String SHARED_PROCESSOR = "projections";

    /** Diagnostics key on a dead letter: how often a retry of it has failed. */
    static final String RETRIES = "retries";

    /**
     * This node's name: the owner its claims carry in the token store and its row in {@code ledger_node}; Axon's
     * default, {@code pid@host}, unless {@code ledger.node.name} sets one (unique per running node). ADR 0018.
     */
    static String nodeName(String configured) {
        return configured == null || configured.isBlank() ? ManagementFactory.getRuntimeMXBean().getName()
                : configured.strip();
    }

    @Bean
    static NodeRegistry nodeRegistry(NamedParameterJdbcTemplate jdbc, TokenStore tokenStore,
                                     @Value("${ledger.node.name:}") String node,
                                     @Value("${ledger.processing.claim-extension:" + DEFAULT_CLAIM_EXTENSION + "}")
                                     Duration heartbeat,
                                     @Value("${axon.eventhandling.tokenstore.claim-timeout:" + DEFAULT_CLAIM_TIMEOUT
                                             + "}") Duration claimTimeout) {
        return new NodeRegistry(jdbc, tokenStore, nodeName(node), heartbeat, claimTimeout);
    }

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing, ConnectionProvider connectionProvider,
                             PlatformTransactionManager transactions, ProcessorFailures failures,
                             CarefulBatches carefulBatches, NodeRegistry nodes,
                             @Value("${ledger.processing.shared-processor:true}") boolean shared,
                             @Value("${ledger.processing.claim-extension:" + DEFAULT_CLAIM_EXTENSION + "}")
                             Duration claimExtension) {
        processing.usingPooledStreamingEventProcessors();
        List<String> processors = shared ? List.of(SHARED_PROCESSOR) : PROCESSING_GROUPS;
        if (shared) {
            PROCESSING_GROUPS.forEach(group -> processing.assignProcessingGroup(group, SHARED_PROCESSOR));
        }
        // the defaults, configured by name: Axon applies a processor's axon.eventhandling.processors.<name>.* after them
        processors.forEach(processor -> processing
                .registerPooledStreamingEventProcessorConfiguration(processor, (configuration, builder) -> builder
                        .batchSize(DEFAULT_BATCH_SIZE)
                        .initialSegmentCount(DEFAULT_SEGMENTS)
                        // several nodes (ADR 0018): claims kept fresh, and a dead node's segments looked for, every
                        // second; the coordinator extends them during a long batch too
                        .tokenClaimInterval(DEFAULT_TOKEN_CLAIM_INTERVAL)
                        .claimExtensionThreshold(claimExtension.toMillis())
                        .enableCoordinatorClaimExtension()
                        // each node its share of the segments: a node that joins gets some, one alone holds all
                        .maxSegmentProvider(nodes::fairShare)
                        .initialToken(StreamableMessageSource::createTailToken)));
        // a failed batch is remembered for the status, and the next one is careful (CarefulBatches)
        processors.forEach(processor -> processing
                .registerErrorHandler(processor, configuration -> context -> {
                    carefulBatches.afterAFailedBatch();
                    failures.errorHandler().handleError(context);
                }));
        // A retried dead letter is handled in a transaction of its own, nested in the one that claims and evicts the
        // letters: joined, a failed retry would mark the claiming transaction rollback-only and fail the whole retry
        TransactionManager ownTransaction = new SpringTransactionManager(transactions,
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
        for (String group : PROCESSING_GROUPS) {
            processing.registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance())
                    .registerDeadLetterQueue(group, configuration -> JdbcSequencedDeadLetterQueue.builder()
                            .processingGroup(group)
                            .connectionProvider(connectionProvider)
                            .transactionManager(configuration.getComponent(TransactionManager.class))
                            .schema(DeadLetterSchema.defaultSchema())
                            .genericSerializer(configuration.serializer())
                            .eventSerializer(configuration.eventSerializer())
                            .build())
                    .registerDeadLetterPolicy(group, configuration -> ProcessingConfiguration::enqueue)
                    // without the cache every event costs a query for its deal's letters; a rebuild starts afresh
                    .registerDeadLetteringEventHandlerInvokerConfiguration(group, (configuration, invoker) -> invoker
                            .enableSequenceIdentifierCache()
                            .allowReset(true)
                            .transactionManager(ownTransaction));
        }
    }

    /**
     * Axon's JDBC token store, with the claim timeout of several nodes (ADR 0018): Axon's own
     * {@code axon.eventhandling.tokenstore.claim-timeout} still sets it, only its default is shorter here.
     */
    @Bean
    static TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 ObjectProvider<TokenSchema> tokenSchema,
                                 @Value("${axon.eventhandling.tokenstore.claim-timeout:" + DEFAULT_CLAIM_TIMEOUT + "}")
                                 Duration claimTimeout,
                                 @Value("${ledger.processing.claim-extension:" + DEFAULT_CLAIM_EXTENSION + "}")
                                 Duration claimExtension,
                                 @Value("${ledger.node.name:}") String node) {
        if (claimExtension.compareTo(claimTimeout) >= 0) {
            throw new IllegalArgumentException("ledger.processing.claim-extension (" + claimExtension
                    + ") must be shorter than axon.eventhandling.tokenstore.claim-timeout (" + claimTimeout
                    + "), or every idle segment loses its claim");
        }
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema.getIfAvailable(() -> TokenSchema.builder().build()))
                .claimTimeout(claimTimeout)
                .nodeId(nodeName(node))
                .build();
    }

    /** Every failure is parked (a first failure and a failed retry alike), counting the failed retries. */
    static EnqueueDecision<EventMessage<?>> enqueue(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        Object failed = letter.diagnostics().get(RETRIES);
        long retries = failed instanceof Number number ? number.longValue() + 1 : 0;
        return Decisions.requeue(ThrowableCause.truncated(cause), parked -> parked.diagnostics().and(RETRIES, retries));
    }
}
