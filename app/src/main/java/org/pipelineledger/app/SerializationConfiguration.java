package org.pipelineledger.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Events, messages and tokens are stored as JSON by Jackson (XStream cannot read records).
 * The stored format gets an ObjectMapper of its own, so that tuning the web API's JSON can never change
 * how events already in the store are written or read.
 */
@Configuration(proxyBeanMethods = false)
class SerializationConfiguration {

    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisionResolver) {
        ObjectMapper storageMapper = new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder()
                .objectMapper(storageMapper)
                .revisionResolver(revisionResolver)
                .build();
    }
}
