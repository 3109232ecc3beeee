package org.pipelineledger.events;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A deal entered a pipeline at a stage. */
@Revision("1")
public record OpportunityCreated(
        OpportunityId opportunityId,
        String name,
        String account,
        String owner,
        String pipeline,
        StageKey stage,
        Money amount,
        LocalDate closeDate,
        Outlook outlook,
        Instant occurredAt) implements OpportunityEvent {
}
