package org.pipelineledger.bench.ledger;

import java.lang.reflect.Proxy;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ledger as it was before durable commits (ADR 0013), for measuring what they cost: its {@code DurableCommits}
 * bean replaced by one that waits for nothing, so a command is answered as soon as H2 committed it in memory. Only the
 * benchmark does this, as variant TB: {@code --tb="--}{@value #PROPERTY}{@code =true"}. Spring Boot finds this
 * initializer in the benchmark's {@code META-INF/spring.factories}, so it exists only where the benchmark's classes
 * are on the classpath; the product has no switch for it.
 */
public final class BufferedCommits implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROPERTY = "bench.buffered-commits";

    /** The app's bean and its type: package-private there, so named here. */
    private static final String BEAN = "durableCommits";
    private static final String TYPE = "org.pipelineledger.app.DurableCommits";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().getProperty(PROPERTY, Boolean.class, false)) {
            return;
        }
        // registered as a bean, the replacement runs after the configuration classes have declared the app's bean
        context.addBeanFactoryPostProcessor(new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                registry.registerBeanDefinition(Replacement.class.getName(), new RootBeanDefinition(Replacement.class));
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            }
        });
    }

    /** Replaces the app's {@code durableCommits} with one that waits for nothing. */
    static final class Replacement implements BeanDefinitionRegistryPostProcessor {

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            Class type = load();
            Object waitsForNothing = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "awaitDurable" -> null;
                        case "toString" -> "BufferedCommits";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            registry.removeBeanDefinition(BEAN);
            registry.registerBeanDefinition(BEAN,
                    BeanDefinitionBuilder.genericBeanDefinition(type, () -> waitsForNothing).getBeanDefinition());
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        }

        private static Class<?> load() {
            try {
                return Class.forName(TYPE);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(TYPE + " is not on the classpath: the app changed, and so must this",
                        e);
            }
        }
    }
}
