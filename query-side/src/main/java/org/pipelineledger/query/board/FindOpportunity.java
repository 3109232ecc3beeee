package org.pipelineledger.query.board;

import java.util.Objects;
import org.pipelineledger.events.OpportunityId;

/**
 * Asks for the current summary of one deal, open or closed. Answered with an {@link OpportunitySummary}; an unknown
 * deal is refused with {@code OPPORTUNITY_NOT_FOUND} (404).
 */
public record FindOpportunity(OpportunityId opportunityId) {

    public FindOpportunity {
        Objects.requireNonNull(opportunityId, "opportunityId");
    }
}
