package org.pipelineledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.NoteAdded;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * With these Axon serializer properties Axon's own configuration would build the event serializer on the first
 * ObjectMapper bean, the web API's strict one, and stored events with a field it does not know would stop reading.
 * The application declares its event and message serializers, so the properties change nothing.
 */
@SpringBootTest(properties = {
        "axon.serializer.general=java", "axon.serializer.messages=java", "axon.serializer.events=jackson"})
@ActiveProfiles({"embedded", "test"})
class EventSerializerPinnedIT {

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    Serializer generalSerializer;

    @Test
    void axonSerializerPropertiesCannotSwitchEventsToTheWebMapper() throws Exception {
        NoteAdded read = eventSerializer.deserialize(
                StoredEventsStayReadableIT.storedWithAnUnknownField(generalSerializer));

        assertThat(read).isEqualTo(StoredEventsStayReadableIT.EVENT);
        assertThat(eventSerializer).isSameAs(generalSerializer);
    }
}
