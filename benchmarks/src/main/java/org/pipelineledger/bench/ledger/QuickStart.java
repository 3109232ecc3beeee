package org.pipelineledger.bench.ledger;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.axonframework.common.DefaultIdentifierFactory;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ReflectionUtils;

/**
 * Variant V0's wiring, which the product has no switch for: where the ledger replaced one of Axon's defaults, V0 gets
 * Axon's back. Axon's {@link EmbeddedEventStore}, whose reader every commit wakes, for the paced one (ADR 0009);
 * Axon's random UUIDs for the time-ordered ids (ADR 0010); Axon's annotation command target resolver for the typed
 * one. Commits stay durable as the ledger's (ADR 0013): durability is not a tuning step. On with
 * {@code --}{@value #PROPERTY}{@code =true} (LedgerVariants), found in the benchmark's {@code META-INF/spring.factories}.
 */
public final class QuickStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROPERTY = "bench.quick-start";

    /** The app's beans this replaces, and the type of the one it calls. */
    static final String EVENT_STORE = "eventBus";
    static final String TARGET_RESOLVER = "opportunityTargetResolver";
    static final String DURABLE_COMMITS = "durableCommits";
    static final String DURABLE_COMMITS_TYPE = "org.pipelineledger.app.DurableCommits";

    private static final String IDENTIFIER_FACTORY_SERVICE = "META-INF/services/" + IdentifierFactory.class.getName();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().getProperty(PROPERTY, Boolean.class, false)) {
            return;
        }
        useAxonsRandomIds();
        BeanSwap.register(context, "quickStart", registry -> {
            registry.removeBeanDefinition(TARGET_RESOLVER);
            registry.registerBeanDefinition(TARGET_RESOLVER, new RootBeanDefinition(CommandTargetResolver.class,
                    () -> AnnotationCommandTargetResolver.builder().build()));
            RootBeanDefinition store = new RootBeanDefinition(EmbeddedEventStore.class,
                    () -> axonsEventStore((BeanFactory) registry));
            store.addQualifier(new AutowireCandidateQualifier(Qualifier.class, "eventStore"));
            store.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
            registry.removeBeanDefinition(EVENT_STORE);
            registry.registerBeanDefinition(EVENT_STORE, store);
        });
    }

    /**
     * Axon looks its identifier factory up once, through the context class loader first: shown a service file that
     * names Axon's default factory there, it never reaches the app's. Must run before anything made a message.
     */
    static void useAxonsRandomIds() {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(original) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (IDENTIFIER_FACTORY_SERVICE.equals(name)) {
                    URL axonsDefault = QuickStart.class.getResource("/bench/quick-start-identifier-factory");
                    return Collections.enumeration(List.of(axonsDefault));
                }
                return super.getResources(name);
            }
        });
        try {
            IdentifierFactory factory = IdentifierFactory.getInstance();
            if (factory.getClass() != DefaultIdentifierFactory.class) {
                throw new IllegalStateException("V0 needs Axon's random ids, but Axon already chose "
                        + factory.getClass().getName() + ": something made a message before the application started");
            }
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    private static EmbeddedEventStore axonsEventStore(BeanFactory beans) {
        Configuration configuration = beans.getBean(Configuration.class);
        Object durableCommits = beans.getBean(DURABLE_COMMITS);
        Method awaitDurable = ReflectionUtils.findMethod(BeanSwap.appClass(DURABLE_COMMITS_TYPE), "awaitDurable");
        if (awaitDurable == null) {
            throw new IllegalStateException(DURABLE_COMMITS_TYPE + " changed, and so must this");
        }
        ReflectionUtils.makeAccessible(awaitDurable);
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(beans.getBean(EventStorageEngine.class))
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class));

        /** Axon's store as Axon's auto-configuration builds it, answering a commit once it is durable. */
        class AxonsEventStore extends EmbeddedEventStore {

            AxonsEventStore() {
                super(builder);
            }

            @Override
            protected void afterCommit(List<? extends EventMessage<?>> events) {
                ReflectionUtils.invokeMethod(awaitDurable, durableCommits);
                super.afterCommit(events);
            }
        }
        return new AxonsEventStore();
    }
}
