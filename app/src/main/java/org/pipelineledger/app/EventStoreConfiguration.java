package org.pipelineledger.app;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.pipelineledger.command.audit.ChainingStorageEngine;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store: Axon's {@link EmbeddedEventStore} over Axon's JDBC storage engine, as Axon's Spring Boot support
 * would build them, except for how the store's reader learns of new events (ADR 0009, {@link PollingEventStore}).
 * <p>
 * {@code ledger.processing.fetch-delay-ms} (default {@value #DEFAULT_FETCH_DELAY_MS}, at least 1): the reader that
 * feeds the processors which have caught up is not woken by commits and starts a read at most this often, so the read
 * models may follow the commands up to this much later.
 * <p>
 * Event ids are time-ordered UUIDs ({@link TimeOrderedIdentifierFactory}, ADR 0010).
 * <p>
 * The store answers a unit of work that appended events only once they are durable
 * ({@link DurableCommits}, ADR 0013): on an H2 file after a checkpoint that several commits share
 * ({@code ledger.durability.fsync}, default {@code false}: to the operating system, which survives a crash of the
 * process; {@code true}: to the disk, which survives a power loss too).
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    static final long DEFAULT_FETCH_DELAY_MS = 50;

    /**
     * Axon's JDBC storage engine (ADR 0001), built exactly as Axon's JDBC auto-configuration builds it, inside the
     * engine that chains every appended event (ADR 0016); that configuration steps aside as soon as the application
     * declares its own event store.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          JdbcTemplate jdbcTemplate) {
        warnUnlessTimeOrderedIds();
        // every appended event is hash-chained in its own transaction (ADR 0016)
        return new ChainingStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .build(), jdbcTemplate, transactionManager);
    }

    /**
     * Axon found its identifier factory through {@code META-INF/services} before Spring started; a repackaging that
     * drops that file would silently leave random ids, so say so at start instead.
     */
    static void warnUnlessTimeOrderedIds() {
        if (!(IdentifierFactory.getInstance() instanceof TimeOrderedIdentifierFactory)) {
            LoggerFactory.getLogger(EventStoreConfiguration.class).warn(
                    "Axon uses {} instead of {}: event ids stay random (META-INF/services missing?)",
                    IdentifierFactory.getInstance().getClass().getName(),
                    TimeOrderedIdentifierFactory.class.getName());
        }
    }

    /** Named and qualified like Axon's auto-configured store, which steps aside for any {@code EventBus} bean. */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                  org.axonframework.config.Configuration configuration,
                                  DurableCommits durableCommits,
                                  @Value("${ledger.processing.fetch-delay-ms:" + DEFAULT_FETCH_DELAY_MS + "}")
                                  long fetchDelayMs) {
        if (fetchDelayMs < 1) {
            throw new IllegalArgumentException("ledger.processing.fetch-delay-ms must be at least 1, was " + fetchDelayMs);
        }
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class));
        return PollingEventStore.create(builder, storageEngine, fetchDelayMs, durableCommits);
    }

    /**
     * What a commit needs before it may be answered, by database (ADR 0013): an H2 file a checkpoint; H2 in memory
     * nothing (it keeps nothing anyway); PostgreSQL nothing while {@code synchronous_commit} is on, its default, and a
     * warning at start when it is not.
     */
    @Bean
    DurableCommits durableCommits(DataSource dataSource,
                                  @Value("${ledger.durability.fsync:false}") boolean fsync) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData database = connection.getMetaData();
            String product = database.getDatabaseProductName();
            if ("H2".equals(product)) {
                return database.getURL().startsWith("jdbc:h2:mem:") ? DurableCommits.AT_COMMIT
                        : new H2Checkpoints(dataSource, fsync);
            }
            if ("PostgreSQL".equals(product)) {
                try (Statement show = connection.createStatement();
                     ResultSet setting = show.executeQuery("SHOW synchronous_commit")) {
                    String synchronousCommit = setting.next() ? setting.getString(1) : "unknown";
                    // local: flushed to this server's disk before the commit returns, only not waiting for a standby
                    if (!List.of("on", "local", "remote_write", "remote_apply").contains(synchronousCommit)) {
                        LoggerFactory.getLogger(EventStoreConfiguration.class).warn("PostgreSQL's synchronous_commit"
                                + " is {}: a crash of the database server can lose commands it acknowledged"
                                + " (docs/adr/0013-durable-commits.md)", synchronousCommit);
                    }
                }
            } else {
                LoggerFactory.getLogger(EventStoreConfiguration.class).warn("{} is not a database the ledger knows:"
                        + " acknowledged commands are as durable as its commits", product);
            }
            return DurableCommits.AT_COMMIT;
        }
    }
}
