package org.pipelineledger.query.slippage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Every change of one deal's expected close date.
 *
 * @param originalCloseDate the close date the deal was created with (or, if it had none, the first one set)
 * @param slipCount         how many times the date moved later
 * @param totalSlipDays     calendar days it moved later, summed
 * @param pullInCount       how many times the date moved earlier
 * @param totalPullInDays   calendar days it moved earlier, summed
 * @param netDays           {@code totalSlipDays - totalPullInDays}: positive when the deal now closes later than
 *                          first forecast
 * @param changes           oldest first
 */
public record DealSlippage(
        String id,
        String name,
        String owner,
        String pipeline,
        LocalDate originalCloseDate,
        LocalDate currentCloseDate,
        int slipCount,
        long totalSlipDays,
        int pullInCount,
        long totalPullInDays,
        long netDays,
        List<Change> changes) {

    /** Which way a close date moved. */
    public enum Direction {
        SLIPPED, PULLED_IN
    }

    /**
     * One close-date change.
     *
     * @param sequence   the event's sequence number in the deal's stream
     * @param days       calendar days between {@code from} and {@code to}, always positive; see {@code direction}
     * @param occurredAt business time of the change
     * @param actor      who made it (the event's {@code actor} metadata)
     */
    public record Change(
            long sequence,
            LocalDate from,
            LocalDate to,
            long days,
            Direction direction,
            Instant occurredAt,
            String actor,
            String reason) {
    }
}
