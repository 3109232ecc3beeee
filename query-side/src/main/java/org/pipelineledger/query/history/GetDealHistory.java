package org.pipelineledger.query.history;

import java.util.Objects;
import org.pipelineledger.events.OpportunityId;

/**
 * Asks for every event of one deal, in order. Answered with {@link DealHistory}; an unknown deal is refused with
 * {@code OPPORTUNITY_NOT_FOUND} (404).
 */
public record GetDealHistory(OpportunityId opportunityId) {

    public GetDealHistory {
        Objects.requireNonNull(opportunityId, "opportunityId");
    }
}
