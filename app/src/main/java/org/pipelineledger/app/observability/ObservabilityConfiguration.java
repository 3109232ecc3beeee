package org.pipelineledger.app.observability;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.command.imports.CrmImporter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operators' view (docs/operations/metrics.md): the ledger's own metrics at {@code /actuator/prometheus}, all
 * named {@code ledger_*}, and readiness once the read models have caught up after start.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    /** How old the figures a scrape shows may be: one read of the status and one of the imports per scrape. */
    static final Duration FIGURES_MAX_AGE = Duration.ofSeconds(1);

    /**
     * Axon's command bus and event store take their message monitors from its configuration when Spring creates
     * them; the registry is looked up only then, not while Axon's configurer is being built.
     */
    @Bean
    ConfigurerModule ledgerMessageMonitors(ObjectProvider<MeterRegistry> registry) {
        return configurer -> configurer
                .configureMessageMonitor(CommandBus.class, configuration -> new CommandMetrics(registry.getObject()))
                .configureMessageMonitor(EventStore.class, configuration -> new EventMetrics(registry.getObject()));
    }

    /** Events are stamped by Axon's clock, so their age is taken by it too. */
    @Bean
    ReadModelMetrics readModelMetrics(MeterRegistry registry, QueryGateway queryGateway, JdbcTemplate jdbc) {
        return new ReadModelMetrics(registry, queryGateway, jdbc, GenericEventMessage.clock, FIGURES_MAX_AGE);
    }

    /** The query handlers answer only once the context is up; then the processors there are get their gauges. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> readModelGauges(ReadModelMetrics metrics) {
        return ready -> metrics.start();
    }

    @Bean
    ImportMetrics importMetrics(MeterRegistry registry, CrmImporter importer) {
        return new ImportMetrics(registry, importer, FIGURES_MAX_AGE);
    }

    /** {@code management.endpoint.health.group.readiness.include} names it (application.yml). */
    @Bean(ReadModelsReadiness.NAME)
    ReadModelsReadiness readModelsCaughtUp(QueryGateway queryGateway, Clock clock,
                                           @Value("${ledger.readiness.max-lag-events:0}") long maxLagEvents) {
        return new ReadModelsReadiness(queryGateway, maxLagEvents, clock);
    }

    /** Before Spring Boot's own probes post-processor, which then finds the groups as configured. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static ProbeGroups probeGroups() {
        return new ProbeGroups(Set.of(ReadModelsReadiness.NAME));
    }
}
