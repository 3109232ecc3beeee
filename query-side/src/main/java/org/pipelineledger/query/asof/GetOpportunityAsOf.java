package org.pipelineledger.query.asof;

import java.time.Instant;
import java.util.Objects;
import org.pipelineledger.events.OpportunityId;

/**
 * Asks for one deal as of {@code asOf} (business time) as the ledger knew it at {@code knownAt} (record time),
 * computed from the event store (docs/as-of.md). Answered with an {@link OpportunityAsOf}; a deal with no event in
 * that prefix (unknown, or not yet created then) is refused with {@code OPPORTUNITY_NOT_FOUND} (404).
 */
public record GetOpportunityAsOf(OpportunityId opportunityId, Instant asOf, Instant knownAt) {

    public GetOpportunityAsOf {
        Objects.requireNonNull(opportunityId, "opportunityId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(knownAt, "knownAt");
    }
}
