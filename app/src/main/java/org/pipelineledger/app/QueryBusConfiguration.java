package org.pipelineledger.app;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query bus, built as Axon's Spring Boot support builds it (which steps aside for any {@code QueryBus} bean) but
 * without wrapping each query in a transaction (ADR 0011). That transaction gave the read models nothing: it ran at
 * the database's default isolation, read committed, where every statement sees what was committed when it started,
 * exactly as without one. It did hold a pooled connection for the whole query, so a query that needs one view
 * across several statements and opens its own repeatable-read transaction (the days-in-stage report) would have
 * needed a second connection while holding the first: enough such queries at once would exhaust the pool, each
 * waiting for a connection the others hold.
 */
@Configuration(proxyBeanMethods = false)
class QueryBusConfiguration {

    @Bean
    SimpleQueryBus queryBus(org.axonframework.config.Configuration configuration) {
        return SimpleQueryBus.builder()
                .messageMonitor(configuration.messageMonitor(QueryBus.class, "queryBus"))
                .transactionManager(NoTransactionManager.INSTANCE)
                .errorHandler(configuration.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(configuration.getComponent(QueryUpdateEmitter.class))
                .spanFactory(configuration.getComponent(QueryBusSpanFactory.class))
                .build();
    }
}
