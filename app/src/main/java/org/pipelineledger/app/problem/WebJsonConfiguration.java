package org.pipelineledger.app.problem;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The web API's ObjectMapper reads through {@link FieldNamingJsonFactory}, so that every unreadable body can name its
 * field. How strict that mapper is lives in {@code spring.jackson} (application.yml); stored events are read by
 * a mapper of their own (SerializationConfiguration) that none of this touches.
 */
@Configuration(proxyBeanMethods = false)
class WebJsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer fieldNamingJsonFactory() {
        return builder -> builder.factory(new FieldNamingJsonFactory());
    }
}
