package org.pipelineledger.command.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;

/**
 * Open a new deal. {@code owner} null means the actor; {@code pipeline} null means {@code default};
 * {@code stage} null means the pipeline's first stage; {@code outlook} null means NEUTRAL.
 */
public record CreateOpportunity(
        @TargetAggregateIdentifier OpportunityId opportunityId,
        String name,
        String account,
        String owner,
        String pipeline,
        StageKey stage,
        BigDecimal amount,
        LocalDate closeDate,
        Outlook outlook,
        Actor actor,
        Instant occurredAt) implements OpportunityCommand {
}
