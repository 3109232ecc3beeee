package org.pipelineledger.command.opportunity;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.pipelineledger.events.OpportunityId;

/** Hand the deal to another owner. */
public record ReassignOwner(
        @TargetAggregateIdentifier OpportunityId opportunityId,
        String owner,
        @TargetAggregateVersion Long expectedVersion,
        Actor actor,
        Instant occurredAt) implements OpportunityCommand {
}
