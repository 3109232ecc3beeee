package org.pipelineledger.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The deal's amount changed, in the pipeline's currency. */
@Revision("1")
public record AmountChanged(
        OpportunityId opportunityId,
        Money from,
        Money to,
        String reason,
        Instant occurredAt) implements OpportunityEvent {
}
