package org.pipelineledger.command.targets;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.events.TargetSet;

/**
 * Set the target of one owner or team of a pipeline for a period; {@code occurredAt} as on the deals' commands (null
 * is now; only an admin may supply a past one).
 *
 * @param pipeline the pipeline's key, as the catalogue knows it
 * @param period   a period's key, as {@link TargetSet.Period#parse} reads it
 */
public record SetTarget(
        String pipeline,
        String period,
        TargetSet.Kind kind,
        String name,
        BigDecimal amount,
        Actor actor,
        Instant occurredAt) {

    /**
     * The stream of the pipeline's period. A {@code /} can be in no deal's id, so no target stream can share an id with
     * a deal.
     */
    @TargetAggregateIdentifier
    public String streamId() {
        return PeriodTargets.streamId(pipeline, period);
    }
}
