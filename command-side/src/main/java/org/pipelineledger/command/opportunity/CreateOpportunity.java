package org.pipelineledger.command.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;

/**
 * Open a new deal. {@code owner} null means the actor; {@code pipeline} null means {@code default};
 * {@code stage} null means the pipeline's first stage; {@code outlook} null means NEUTRAL; {@code profile} null
 * means none.
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
        Instant occurredAt,
        DealProfile profile) implements OpportunityCommand {

    /** A deal without a profile. */
    public CreateOpportunity(OpportunityId opportunityId, String name, String account, String owner, String pipeline,
                             StageKey stage, BigDecimal amount, LocalDate closeDate, Outlook outlook, Actor actor,
                             Instant occurredAt) {
        this(opportunityId, name, account, owner, pipeline, stage, amount, closeDate, outlook, actor, occurredAt, null);
    }
}
