package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventChainTest {

    private static StoredEvent event(String type, String revision, String payload, String metadata, String timestamp) {
        return new StoredEvent(7, "deal-1", 3, type, "e-1", "org.pipelineledger.events.NoteAdded", revision,
                payload.getBytes(StandardCharsets.UTF_8), metadata == null ? null : metadata.getBytes(StandardCharsets.UTF_8),
                timestamp);
    }

    @Test
    void theHashIsSha256OfTheTaggedLengthPrefixedColumns() {
        // pinned (the same figure from an independent Python sha256 of the documented encoding): a change of the
        // encoding would make every stored chain fail verification
        assertThat(EventChain.hex(EventChain.hash(EventChain.GENESIS,
                event("Opportunity", null, "{\"text\":\"hi\"}", "{}", "2026-12-01T10:00:00.000Z"))))
                .isEqualTo("70772c3f886c6a1e4692fafd494c6ea393b4a33593cd14944c2fb15beacc2775");
    }

    @Test
    void everyColumnAndThePreviousHashCount() {
        byte[] base = EventChain.hash(EventChain.GENESIS, event("Opportunity", null, "{}", "{}", "t"));
        assertThat(EventChain.hash(EventChain.GENESIS, event("Opportunity", "1", "{}", "{}", "t"))).isNotEqualTo(base);
        assertThat(EventChain.hash(EventChain.GENESIS, event("Opportunity", null, "{ }", "{}", "t"))).isNotEqualTo(base);
        assertThat(EventChain.hash(EventChain.GENESIS, event("Opportunity", null, "{}", null, "t"))).isNotEqualTo(base);
        assertThat(EventChain.hash(EventChain.GENESIS, event("Opportunity", null, "{}", "{}", "u"))).isNotEqualTo(base);
        assertThat(EventChain.hash(base, event("Opportunity", null, "{}", "{}", "t"))).isNotEqualTo(base);
        // moving a byte from one field to the next is a different input, thanks to the lengths
        assertThat(EventChain.hash(EventChain.GENESIS, event("Opportunity", null, "{}x", "{}", "t")))
                .isNotEqualTo(EventChain.hash(EventChain.GENESIS, event("Opportunity", null, "{}", "x{}", "t")));
    }
}
