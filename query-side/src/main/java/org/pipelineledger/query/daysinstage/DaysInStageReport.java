package org.pipelineledger.query.daysinstage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Time-in-stage statistics for one pipeline, every stage in pipeline order (a stage no longer defined but still
 * holding stays is appended). All durations are in days to one decimal.
 *
 * @param asOf the instant the open stays were measured to (the injected clock)
 */
public record DaysInStageReport(String pipeline, Instant asOf, List<StageStatistics> stages) {

    /**
     * Statistics of one stage across all deals of the pipeline. Completed stays (ended by a move, a win or a loss)
     * make the average, median and 90th percentile; stays still running are counted apart.
     *
     * @param completedStays  number of completed stays
     * @param averageDays     mean completed stay; {@code null} without completed stays
     * @param medianDays      median completed stay (mean of the two middle ones for an even count); {@code null}
     *                        without completed stays
     * @param p90Days         90th percentile by the nearest-rank method; {@code null} without completed stays
     * @param openStays       deals in the stage now
     * @param averageOpenDays mean time the deals in the stage now have spent there so far; {@code null} when none
     */
    public record StageStatistics(
            String stage,
            String displayName,
            long completedStays,
            BigDecimal averageDays,
            BigDecimal medianDays,
            BigDecimal p90Days,
            long openStays,
            BigDecimal averageOpenDays) {
    }
}
