package org.pipelineledger.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The deal changed hands. */
@Revision("1")
public record OwnerReassigned(
        OpportunityId opportunityId,
        String from,
        String to,
        Instant occurredAt) implements OpportunityEvent {
}
