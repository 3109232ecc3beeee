package org.pipelineledger.command.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.pipelineledger.events.OpportunityId;

/** Change the deal's amount (non-negative, in the pipeline's currency). */
public record ChangeAmount(
        @TargetAggregateIdentifier OpportunityId opportunityId,
        BigDecimal amount,
        String reason,
        @TargetAggregateVersion Long expectedVersion,
        Actor actor,
        Instant occurredAt) implements OpportunityCommand {
}
