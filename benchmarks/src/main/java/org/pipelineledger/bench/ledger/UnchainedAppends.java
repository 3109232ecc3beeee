package org.pipelineledger.bench.ledger;

import java.lang.reflect.Field;
import org.pipelineledger.command.audit.ChainingStorageEngine;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ledger as it was before the hash chain (ADR 0016), for measuring what chaining costs a command: the event
 * store's {@link ChainingStorageEngine} replaced by the Axon engine it wraps, so nothing is chained. Only the
 * benchmark does this, as variant TB: {@code --tb="--}{@value #PROPERTY}{@code =true"} (found in the benchmark's
 * {@code META-INF/spring.factories}).
 */
public final class UnchainedAppends implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROPERTY = "bench.unchained-appends";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().getProperty(PROPERTY, Boolean.class, false)) {
            return;
        }
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ChainingStorageEngine chaining ? delegate(chaining) : bean;
            }
        });
    }

    private static Object delegate(ChainingStorageEngine chaining) {
        try {
            Field delegate = ChainingStorageEngine.class.getDeclaredField("delegate");
            delegate.setAccessible(true);
            return delegate.get(chaining);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ChainingStorageEngine changed, and so must this", e);
        }
    }
}
