package org.pipelineledger.events;

import java.time.Instant;

/**
 * Every event in an opportunity's stream. {@code occurredAt} is the business time the change happened
 * (stamped from an injected clock, or supplied by an admin for imports); read models are built from it,
 * never from the wall clock or the time the event was stored.
 */
public sealed interface OpportunityEvent permits
        OpportunityCreated, StageAdvanced, StageReverted, CloseDateSlipped, CloseDatePulledIn, OutlookChanged,
        AmountChanged, NextStepSet, NoteAdded, OwnerReassigned, OpportunityWon, OpportunityLost, OpportunityReopened {

    OpportunityId opportunityId();

    Instant occurredAt();
}
