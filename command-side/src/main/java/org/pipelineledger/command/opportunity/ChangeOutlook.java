package org.pipelineledger.command.opportunity;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;

/** Change the owner's outlook on the deal. */
public record ChangeOutlook(
        @TargetAggregateIdentifier OpportunityId opportunityId,
        Outlook outlook,
        String note,
        @TargetAggregateVersion Long expectedVersion,
        Actor actor,
        Instant occurredAt) implements OpportunityCommand {
}
