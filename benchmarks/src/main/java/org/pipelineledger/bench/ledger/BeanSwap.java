package org.pipelineledger.bench.ledger;

import java.util.function.Consumer;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;

/** Replaces some of the app's bean definitions in the benchmark only, so the product carries no switch for a variant. */
final class BeanSwap {

    private BeanSwap() {
    }

    static void register(ConfigurableApplicationContext context, String name, Consumer<BeanDefinitionRegistry> swap) {
        // registered as a bean, the swap runs after the configuration classes have declared the app's beans
        context.addBeanFactoryPostProcessor((BeanDefinitionRegistryPostProcessor) registry ->
                registry.registerBeanDefinition(BeanSwap.class.getName() + "." + name, new RootBeanDefinition(
                        BeanDefinitionRegistryPostProcessor.class, () -> (BeanDefinitionRegistryPostProcessor) swap::accept)));
    }

    /** The app's type by name: package-private there, so only reachable by reflection from here. */
    static Class<?> appClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the classpath: the app changed, and so must this", e);
        }
    }
}
