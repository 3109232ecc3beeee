package org.pipelineledger.query.asof;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.Outlook;

/**
 * One deal as of an instant, known at another: the fields of the current summary ({@code GET /api/opportunities/{id}})
 * as they were after the last event of the prefix, and the two instants asked for.
 *
 * @param version sequence number of the last event in the prefix
 * @param asOf    the business time asked for: events that occurred after it are left out
 * @param knownAt the record time asked for: events recorded after it are left out
 */
public record OpportunityAsOf(
        String id,
        String name,
        String account,
        String owner,
        String pipeline,
        String stage,
        DealStatus status,
        BigDecimal amount,
        String currency,
        LocalDate closeDate,
        Outlook outlook,
        String nextStep,
        LocalDate nextStepDue,
        Instant stageEnteredAt,
        Instant createdAt,
        Instant closedAt,
        long version,
        DealProfile profile,
        Instant asOf,
        Instant knownAt) {

    static OpportunityAsOf of(DealState state, Instant asOf, Instant knownAt) {
        return new OpportunityAsOf(state.id(), state.name(), state.account(), state.owner(), state.pipeline(),
                state.stage(), state.status(), state.amount(), state.currency(), state.closeDate(), state.outlook(),
                state.nextStep(), state.nextStepDue(), state.stageEnteredAt(), state.createdAt(), state.closedAt(),
                state.version(), state.profile(), asOf, knownAt);
    }
}
