package org.pipelineledger.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The owner's outlook on the deal changed. */
@Revision("1")
public record OutlookChanged(
        OpportunityId opportunityId,
        Outlook from,
        Outlook to,
        String note,
        Instant occurredAt) implements OpportunityEvent {
}
