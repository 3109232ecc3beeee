package org.pipelineledger.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The deal moved backward, with the reason category and a written note saying why. */
@Revision("1")
public record StageReverted(
        OpportunityId opportunityId,
        StageKey from,
        StageKey to,
        ReversionReason reason,
        String note,
        Instant occurredAt) implements OpportunityEvent {
}
