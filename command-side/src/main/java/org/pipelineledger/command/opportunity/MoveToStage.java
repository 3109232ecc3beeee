package org.pipelineledger.command.opportunity;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageKey;

/** Move the deal to another stage of its pipeline: later gives StageAdvanced, earlier needs a reason and a note and gives StageReverted. */
public record MoveToStage(
        @TargetAggregateIdentifier OpportunityId opportunityId,
        StageKey stage,
        ReversionReason reason,
        String note,
        @TargetAggregateVersion Long expectedVersion,
        Actor actor,
        Instant occurredAt) implements OpportunityCommand {
}
