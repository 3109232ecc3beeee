package org.pipelineledger.query.slippage;

import java.util.Objects;
import org.pipelineledger.events.OpportunityId;

/**
 * Asks for the close-date history of one deal. Answered with {@link DealSlippage}; an unknown deal is refused with
 * {@code OPPORTUNITY_NOT_FOUND} (404).
 */
public record GetSlippage(OpportunityId opportunityId) {

    public GetSlippage {
        Objects.requireNonNull(opportunityId, "opportunityId");
    }
}
