package org.pipelineledger.query.reversions;

import java.time.LocalDate;
import org.pipelineledger.query.support.Days;

/**
 * Asks for the backward moves (StageReverted) in a period. Answered with {@link ReversionReport}. Every filter is
 * optional.
 *
 * @param from     first day included (UTC, on the move's {@code occurredAt}); {@code null} for no lower bound
 * @param to       last day included (UTC); {@code null} for no upper bound. A {@code to} before {@code from} is
 *                 refused with {@code INVALID_PERIOD} (400)
 * @param owner    only deals owned by this user at the time of the move
 * @param pipeline only deals of this pipeline; an unknown pipeline is refused with {@code UNKNOWN_PIPELINE} (400)
 */
public record GetReversions(LocalDate from, LocalDate to, String owner, String pipeline) {

    public GetReversions {
        owner = owner == null || owner.isBlank() ? null : owner;
        pipeline = pipeline == null || pipeline.isBlank() ? null : pipeline;
        Days.requirePeriod(from, to);
    }
}
