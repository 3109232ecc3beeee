package org.pipelineledger.events;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The expected close date moved earlier by {@code days} calendar days. */
@Revision("1")
public record CloseDatePulledIn(
        OpportunityId opportunityId,
        LocalDate from,
        LocalDate to,
        long days,
        String reason,
        Instant occurredAt) implements OpportunityEvent {
}
