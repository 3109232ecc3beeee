package org.pipelineledger.events;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A deal entered a pipeline at a stage. Revision 2 added {@code profile}; a revision 1 event reads with
 * {@link DealProfile#NONE} (a missing field is null, which the constructor turns into NONE), so no upcaster is needed.
 */
@Revision("2")
public record OpportunityCreated(
        OpportunityId opportunityId,
        String name,
        String account,
        String owner,
        String pipeline,
        StageKey stage,
        Money amount,
        LocalDate closeDate,
        Outlook outlook,
        Instant occurredAt,
        DealProfile profile) implements OpportunityEvent {

    public OpportunityCreated {
        profile = profile == null ? DealProfile.NONE : profile;
    }

    /** A deal without a profile. */
    public OpportunityCreated(OpportunityId opportunityId, String name, String account, String owner, String pipeline,
                              StageKey stage, Money amount, LocalDate closeDate, Outlook outlook, Instant occurredAt) {
        this(opportunityId, name, account, owner, pipeline, stage, amount, closeDate, outlook, occurredAt,
                DealProfile.NONE);
    }
}
