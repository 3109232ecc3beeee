package org.pipelineledger.events;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The next step agreed for the deal, with its due date. */
@Revision("1")
public record NextStepSet(
        OpportunityId opportunityId,
        String description,
        LocalDate dueDate,
        Instant occurredAt) implements OpportunityEvent {
}
