package org.pipelineledger.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A free-text note on the deal. */
@Revision("1")
public record NoteAdded(
        OpportunityId opportunityId,
        String text,
        Instant occurredAt) implements OpportunityEvent {
}
