package org.pipelineledger.query.asof;

import java.util.Objects;
import org.pipelineledger.events.OpportunityId;

/**
 * Asks for one deal's timeline: every event with the state after it and what it changed. Answered with a
 * {@link DealTimeline}; an unknown deal is refused with {@code OPPORTUNITY_NOT_FOUND} (404).
 */
public record GetDealTimeline(OpportunityId opportunityId) {

    public GetDealTimeline {
        Objects.requireNonNull(opportunityId, "opportunityId");
    }
}
