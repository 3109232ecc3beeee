package org.pipelineledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The web API's ObjectMapper refuses unknown fields; the serializer Axon stores and reads events with does not, so
 * that an event written by an earlier or later version of the ledger, with a field this version does not know,
 * still reads. Both are shown on the same stored JSON.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class StoredEventsStayReadableIT {

    static final NoteAdded EVENT = new NoteAdded(OpportunityId.of("deal-7"), "Called the buyer.",
            Instant.parse("2025-03-01T09:30:00Z"));

    @Autowired
    ObjectMapper webMapper;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;

    @Autowired
    Serializer generalSerializer;

    @Autowired
    org.axonframework.config.Configuration axon;

    /** The event as this version stores it, plus a field first in line that no version of it has today. */
    static SerializedObject<String> storedWithAnUnknownField(Serializer serializer) throws Exception {
        SerializedObject<String> stored = serializer.serialize(EVENT, String.class);
        ObjectMapper plain = new ObjectMapper();
        ObjectNode later = JsonNodeFactory.instance.objectNode();
        later.put("sentiment", "POSITIVE");
        later.setAll((ObjectNode) plain.readTree(stored.getData()));
        return new SimpleSerializedObject<>(plain.writeValueAsString(later), String.class, stored.getType());
    }

    @Test
    void theWebApiRefusesAFieldItDoesNotKnow() throws Exception {
        String json = storedWithAnUnknownField(eventSerializer).getData();

        assertThatThrownBy(() -> webMapper.readValue(json, NoteAdded.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .satisfies(ex -> assertThat(((UnrecognizedPropertyException) ex).getPropertyName())
                        .isEqualTo("sentiment"));
    }

    @Test
    void theEventSerializerReadsAStoredEventWithAFieldItDoesNotKnow() throws Exception {
        NoteAdded read = eventSerializer.deserialize(storedWithAnUnknownField(eventSerializer));

        assertThat(read).isEqualTo(EVENT);
    }

    /** Revision 2 of OpportunityCreated added the profile; a revision 1 event, stored before, reads without one. */
    @Test
    void aRevisionOneCreationWithoutAProfileReadsWithNone() {
        String revisionOne = """
                {"opportunityId":{"value":"deal-7"},"name":"Acme renewal","account":"Acme","owner":"rep",
                 "pipeline":"default","stage":{"value":"PROSPECTING"},"amount":{"amount":50000,"currency":"USD"},
                 "closeDate":"2025-06-30","outlook":"NEUTRAL","occurredAt":"2025-03-01T09:30:00Z"}""";
        OpportunityCreated read = eventSerializer.deserialize(new SimpleSerializedObject<>(revisionOne, String.class,
                new SimpleSerializedType(OpportunityCreated.class.getName(), "1")));

        assertThat(read.profile()).isEqualTo(DealProfile.NONE);
        assertThat(read.account()).isEqualTo("Acme");
        assertThat(read.occurredAt()).isEqualTo(Instant.parse("2025-03-01T09:30:00Z"));
    }

    @Test
    void eventsMessagesAndEverythingElseShareTheStoredFormatsSerializer() {
        assertThat(eventSerializer).isSameAs(generalSerializer).isSameAs(messageSerializer);
        assertThat(axon.eventSerializer()).isSameAs(generalSerializer);
        assertThat(axon.messageSerializer()).isSameAs(generalSerializer);
        assertThat(axon.serializer()).isSameAs(generalSerializer);
    }
}
