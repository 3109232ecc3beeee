package org.pipelineledger.command.opportunity;

import java.time.Instant;
import org.pipelineledger.events.OpportunityId;

/**
 * A request to change one opportunity.
 * <ul>
 *   <li>{@code expectedVersion}: optional optimistic lock; the version is the sequence number of the deal's
 *       last event (0 after creation). A stale one is refused and nothing is appended.</li>
 *   <li>{@code occurredAt}: optional business time; null means now (from the injected clock). Only an actor
 *       who {@link Actor#mayBackdate() may backdate} can supply it, never in the future and never before the
 *       deal's previous event.</li>
 * </ul>
 */
public sealed interface OpportunityCommand permits
        CreateOpportunity, MoveToStage, ChangeCloseDate, ChangeOutlook, ChangeAmount, SetNextStep, AddNote,
        ReassignOwner, MarkWon, MarkLost, Reopen {

    OpportunityId opportunityId();

    Actor actor();

    Instant occurredAt();

    /** The version the client last saw, or null for none; always null for creation. */
    default Long expectedVersion() {
        return null;
    }
}
