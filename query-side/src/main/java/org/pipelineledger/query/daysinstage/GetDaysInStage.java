package org.pipelineledger.query.daysinstage;

import java.util.Objects;
import org.pipelineledger.events.OpportunityId;

/**
 * Asks how long one deal has spent in each stage. Answered with {@link DealDaysInStage}; an unknown deal is refused
 * with {@code OPPORTUNITY_NOT_FOUND} (404).
 */
public record GetDaysInStage(OpportunityId opportunityId) {

    public GetDaysInStage {
        Objects.requireNonNull(opportunityId, "opportunityId");
    }
}
