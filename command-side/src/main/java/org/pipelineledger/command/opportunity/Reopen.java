package org.pipelineledger.command.opportunity;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.StageKey;

/** Bring a won or lost deal back into the pipeline at a stage; the note is required. */
public record Reopen(
        @TargetAggregateIdentifier OpportunityId opportunityId,
        StageKey stage,
        String note,
        @TargetAggregateVersion Long expectedVersion,
        Actor actor,
        Instant occurredAt) implements OpportunityCommand {
}
