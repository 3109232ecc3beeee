package org.pipelineledger.query.asof;

import java.time.Instant;
import java.util.Objects;

/**
 * Asks for the open deals of a pipeline by stage as of {@code asOf} (business time) known at {@code knownAt} (record
 * time): counts and totals, as the board showed them then (docs/as-of.md). Answered with a {@link BoardAsOf}; an
 * unknown pipeline is refused with {@code UNKNOWN_PIPELINE} (400).
 *
 * @param owner only this owner's deals (as they were owned then); {@code null} for all
 */
public record GetBoardAsOf(String pipeline, String owner, Instant asOf, Instant knownAt) {

    public GetBoardAsOf {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(knownAt, "knownAt");
        owner = owner == null || owner.isBlank() ? null : owner;
    }
}
