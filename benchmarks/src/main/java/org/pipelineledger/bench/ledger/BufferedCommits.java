package org.pipelineledger.bench.ledger;

import java.lang.reflect.Proxy;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ledger as it was before durable commits (ADR 0013), for measuring what they cost: its {@code durableCommits}
 * bean replaced by one that waits for nothing. Only the benchmark does this, as variant TB:
 * {@code --tb="--}{@value #PROPERTY}{@code =true"} (found in the benchmark's {@code META-INF/spring.factories}).
 */
public final class BufferedCommits implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROPERTY = "bench.buffered-commits";

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().getProperty(PROPERTY, Boolean.class, false)) {
            return;
        }
        BeanSwap.register(context, "bufferedCommits", registry -> {
            Class type = BeanSwap.appClass(QuickStart.DURABLE_COMMITS_TYPE);
            Object waitsForNothing = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "awaitDurable" -> null;
                        case "toString" -> "BufferedCommits";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            registry.removeBeanDefinition(QuickStart.DURABLE_COMMITS);
            registry.registerBeanDefinition(QuickStart.DURABLE_COMMITS,
                    BeanDefinitionBuilder.genericBeanDefinition(type, () -> waitsForNothing).getBeanDefinition());
        });
    }
}
