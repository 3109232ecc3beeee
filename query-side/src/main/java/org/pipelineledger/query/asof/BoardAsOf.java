package org.pipelineledger.query.asof;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The open deals of one pipeline by stage, as of a business time and known at a record time: the live board's counts
 * and totals then. No cards and no average stays (docs/as-of.md).
 *
 * @param stages every stage of the pipeline in pipeline order, empty ones included; a stage that open deals were in
 *               but that the pipeline no longer defines is appended at the end, as on the live board
 */
public record BoardAsOf(
        String pipeline,
        String displayName,
        String currency,
        Instant asOf,
        Instant knownAt,
        long openCount,
        BigDecimal openAmount,
        List<Column> stages) {

    /**
     * @param count       open deals in this stage then
     * @param totalAmount the sum of their amounts then
     */
    public record Column(String stage, String displayName, long count, BigDecimal totalAmount) {
    }
}
