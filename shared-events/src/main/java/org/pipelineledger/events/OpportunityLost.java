package org.pipelineledger.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The deal left the pipeline as lost, from the stage it was in, with the reason. */
@Revision("1")
public record OpportunityLost(
        OpportunityId opportunityId,
        StageKey fromStage,
        Money amount,
        String reason,
        String note,
        Instant occurredAt) implements OpportunityEvent {
}
