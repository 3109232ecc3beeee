package org.pipelineledger.events;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The expected close date moved later by {@code days} calendar days. */
@Revision("1")
public record CloseDateSlipped(
        OpportunityId opportunityId,
        LocalDate from,
        LocalDate to,
        long days,
        String reason,
        Instant occurredAt) implements OpportunityEvent {
}
