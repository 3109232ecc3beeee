package org.pipelineledger.command.opportunity;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.pipelineledger.events.OpportunityId;

/** Agree the next step and when it is due. */
public record SetNextStep(
        @TargetAggregateIdentifier OpportunityId opportunityId,
        String description,
        LocalDate dueDate,
        @TargetAggregateVersion Long expectedVersion,
        Actor actor,
        Instant occurredAt) implements OpportunityCommand {
}
