package org.pipelineledger.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A won or lost deal came back into the pipeline at the given stage. */
@Revision("1")
public record OpportunityReopened(
        OpportunityId opportunityId,
        DealStatus previousStatus,
        StageKey stage,
        String note,
        Instant occurredAt) implements OpportunityEvent {
}
