package org.pipelineledger.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The deal left the pipeline as won, from the stage it was in, for the amount it then had. */
@Revision("1")
public record OpportunityWon(
        OpportunityId opportunityId,
        StageKey fromStage,
        Money amount,
        String note,
        Instant occurredAt) implements OpportunityEvent {
}
