package org.pipelineledger.command.opportunity;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.pipelineledger.events.OpportunityId;

/** Add a free-text note. */
public record AddNote(
        @TargetAggregateIdentifier OpportunityId opportunityId,
        String text,
        @TargetAggregateVersion Long expectedVersion,
        Actor actor,
        Instant occurredAt) implements OpportunityCommand {
}
