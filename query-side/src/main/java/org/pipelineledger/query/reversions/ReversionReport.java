package org.pipelineledger.query.reversions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.pipelineledger.events.ReversionReason;

/**
 * The backward moves matching a {@link GetReversions}, with counts.
 *
 * @param total      number of backward moves that match
 * @param byReason   count per reason category, every category listed in declaration order (zero included)
 * @param byOwner    count per deal owner at the time of the move, highest first
 * @param byStage    count per stage the deal moved back <em>from</em>, highest first
 * @param reversions the moves, most recent first
 */
public record ReversionReport(
        LocalDate from,
        LocalDate to,
        String owner,
        String pipeline,
        long total,
        Map<ReversionReason, Long> byReason,
        Map<String, Long> byOwner,
        Map<String, Long> byStage,
        List<Reversion> reversions) {

    /**
     * One backward move.
     *
     * @param id       the deal's id
     * @param name     the deal's name
     * @param owner    who owned the deal when it moved back
     * @param sequence the event's sequence number in the deal's stream
     * @param actor    who moved it back (the event's {@code actor} metadata)
     */
    public record Reversion(
            String id,
            String name,
            String owner,
            String pipeline,
            long sequence,
            String fromStage,
            String toStage,
            ReversionReason reason,
            String note,
            String actor,
            Instant occurredAt) {
    }
}
