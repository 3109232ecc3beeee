package org.pipelineledger.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The deal moved forward to a later stage of its pipeline (skipping stages is allowed). */
@Revision("1")
public record StageAdvanced(
        OpportunityId opportunityId,
        StageKey from,
        StageKey to,
        Instant occurredAt) implements OpportunityEvent {
}
