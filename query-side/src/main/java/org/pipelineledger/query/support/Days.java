package org.pipelineledger.query.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * How the read models count days, in one place. Durations are measured between business instants
 * ({@code occurredAt}, or the injected clock for stays still running) and stored in seconds;
 * they are shown either as <em>whole days</em> (completed 24-hour periods, what a board card shows) or as
 * <em>decimal days</em> rounded to one decimal (averages, medians, cumulative time).
 */
public final class Days {

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    private Days() {
    }

    /**
     * Refuses a period whose last day {@code to} is before its first day {@code from} with 400 {@code INVALID_PERIOD};
     * either may be null (no bound).
     */
    public static void requirePeriod(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new LedgerException(ProblemCode.INVALID_PERIOD, "to (" + to + ") is before from (" + from + ")");
        }
    }

    /** The first instant of {@code day} in UTC: where a period that includes it starts. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after {@code day} in UTC: where a period that ends with it ends. */
    public static Instant endOf(LocalDate day) {
        return startOf(day.plusDays(1));
    }

    /** Seconds from {@code from} to {@code to}, never negative (a clock behind the last event counts as zero). */
    public static long secondsBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).getSeconds());
    }

    /** Completed 24-hour periods from {@code from} to {@code to}. */
    public static long wholeDaysBetween(Instant from, Instant to) {
        return secondsBetween(from, to) / 86_400;
    }

    /** Seconds as days, to one decimal. */
    public static BigDecimal decimalDays(double seconds) {
        return BigDecimal.valueOf(seconds).divide(SECONDS_PER_DAY, 1, RoundingMode.HALF_UP);
    }

    /** Seconds as days, to one decimal. */
    public static BigDecimal decimalDays(long seconds) {
        return BigDecimal.valueOf(seconds).divide(SECONDS_PER_DAY, 1, RoundingMode.HALF_UP);
    }

    /** Mean of the durations, in seconds; the list must not be empty. */
    public static double mean(List<Long> seconds) {
        return seconds.stream().mapToLong(Long::longValue).average().orElseThrow();
    }

    /**
     * Median of durations sorted ascending, in seconds: the middle value, or the mean of the two middle values for an
     * even count. The list must not be empty.
     */
    public static double median(List<Long> sortedSeconds) {
        int n = sortedSeconds.size();
        if (n % 2 == 1) {
            return sortedSeconds.get(n / 2);
        }
        return (sortedSeconds.get(n / 2 - 1) + sortedSeconds.get(n / 2)) / 2.0;
    }

    /**
     * The 90th percentile of durations sorted ascending, by the nearest-rank method: the smallest value that at
     * least 90% of the values are less than or equal to. The list must not be empty.
     */
    public static long p90(List<Long> sortedSeconds) {
        int rank = (int) Math.ceil(0.9 * sortedSeconds.size());
        return sortedSeconds.get(rank - 1);
    }
}
