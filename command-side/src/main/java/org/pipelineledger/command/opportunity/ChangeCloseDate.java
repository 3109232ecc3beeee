package org.pipelineledger.command.opportunity;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.pipelineledger.events.OpportunityId;

/** Change the expected close date: later gives CloseDateSlipped, earlier CloseDatePulledIn. */
public record ChangeCloseDate(
        @TargetAggregateIdentifier OpportunityId opportunityId,
        LocalDate closeDate,
        String reason,
        @TargetAggregateVersion Long expectedVersion,
        Actor actor,
        Instant occurredAt) implements OpportunityCommand {
}
