package org.pipelineledger.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Events, messages and tokens are stored as JSON by Jackson (XStream cannot read records).
 * The stored format gets an ObjectMapper of its own, so that tuning the web API's JSON can never change
 * how events already in the store are written or read: the web API refuses unknown fields, a stored event written
 * by an earlier or later version of the ledger may well have some.
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

    /**
     * Axon would otherwise derive its event and message serializers from {@code axon.serializer.events} and
     * {@code .messages}: as long as they name the general serializer's type they are this one, but a type other than
     * the general one is built on the first ObjectMapper bean in the context, which is the web API's strict one.
     * Declared here, they are the stored format's serializer whatever those properties say.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }
}
