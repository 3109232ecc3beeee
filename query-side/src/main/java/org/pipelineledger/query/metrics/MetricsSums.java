package org.pipelineledger.query.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.pipelineledger.query.support.JdbcValues;

/**
 * The sums one SQL aggregate gives for a group, and the figures of its row computed from them: ratios and averages
 * rounded half-up to {@value #SCALE} decimals, each from the exact sums (the velocity too, not from its rounded
 * factors).
 *
 * @param population   deals open at the end of the period or closed in it
 * @param cycleSeconds creation to win, summed over the wins
 * @param slipped      deals of the population whose close date slipped at least once
 * @param slipDays     their slip days, summed
 */
record MetricsSums(long openCount, BigDecimal openValue, long wonCount, BigDecimal wonValue, long lostCount,
                   long cycleSeconds, long population, long slipped, long slipDays) {

    static final int SCALE = 4;

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    /** The sums of the current row of a {@link MetricsProjection} aggregate; SQL's SUM of no rows is null. */
    static MetricsSums read(ResultSet rs) throws SQLException {
        return new MetricsSums(rs.getLong("open_count"), amount(rs, "open_value"), rs.getLong("won_count"),
                amount(rs, "won_value"), rs.getLong("lost_count"), rs.getLong("cycle_seconds"),
                rs.getLong("population"), rs.getLong("slipped"), rs.getLong("slip_days"));
    }

    PipelineMetrics.Row row(String key) {
        long closed = wonCount + lostCount;
        return new PipelineMetrics.Row(key, openCount, openValue, wonCount, wonValue, lostCount,
                ratio(BigDecimal.valueOf(wonCount), closed),
                wonCount == 0 ? null : JdbcValues.plain(ratio(wonValue, wonCount)),
                ratio(BigDecimal.valueOf(cycleSeconds), wonCount * 86_400L),
                velocity(closed),
                ratio(BigDecimal.valueOf(slipped), population),
                ratio(BigDecimal.valueOf(slipDays), slipped));
    }

    /**
     * openCount x (wonValue / won) x (won / closed) / (cycleSeconds / won / 86400), which is
     * openCount x wonValue x won x 86400 / (closed x cycleSeconds).
     */
    private BigDecimal velocity(long closed) {
        if (wonCount == 0 || cycleSeconds == 0) {
            return null;
        }
        BigDecimal numerator = wonValue.multiply(BigDecimal.valueOf(openCount))
                .multiply(BigDecimal.valueOf(wonCount)).multiply(SECONDS_PER_DAY, MathContext.UNLIMITED);
        return numerator.divide(BigDecimal.valueOf(closed).multiply(BigDecimal.valueOf(cycleSeconds)), SCALE,
                RoundingMode.HALF_UP);
    }

    /** {@code part / whole} to {@value #SCALE} decimals, or null when {@code whole} is 0. */
    private static BigDecimal ratio(BigDecimal part, long whole) {
        return whole == 0 ? null : part.divide(BigDecimal.valueOf(whole), SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal amount(ResultSet rs, String column) throws SQLException {
        BigDecimal value = JdbcValues.amount(rs, column);
        return value == null ? BigDecimal.ZERO : value;
    }
}
