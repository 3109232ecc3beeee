package org.pipelineledger.bench.ledger;

import java.util.function.Consumer;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replaces some of the app's bean definitions in the benchmark only, so the product carries no switch for a variant.
 * Registered as a bean itself, the swap runs after the configuration classes have declared the app's beans.
 */
final class BeanSwap implements BeanDefinitionRegistryPostProcessor {

    private final Consumer<BeanDefinitionRegistry> swap;

    private BeanSwap(Consumer<BeanDefinitionRegistry> swap) {
        this.swap = swap;
    }

    static void register(ConfigurableApplicationContext context, String name, Consumer<BeanDefinitionRegistry> swap) {
        context.addBeanFactoryPostProcessor(new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                registry.registerBeanDefinition(BeanSwap.class.getName() + "." + name,
                        new RootBeanDefinition(BeanSwap.class, () -> new BeanSwap(swap)));
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            }
        });
    }

    /** The app's type by name: package-private there, so only reachable by reflection from here. */
    static Class<?> appClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the classpath: the app changed, and so must this", e);
        }
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        swap.accept(registry);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
