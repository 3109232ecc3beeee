package org.pipelineledger.command.opportunity;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.pipelineledger.events.OpportunityId;

/** Close the deal as lost; the reason is required. */
public record MarkLost(
        @TargetAggregateIdentifier OpportunityId opportunityId,
        String reason,
        String note,
        @TargetAggregateVersion Long expectedVersion,
        Actor actor,
        Instant occurredAt) implements OpportunityCommand {
}
