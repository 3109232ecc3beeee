package org.pipelineledger.query.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A pipeline's metrics over a period, one row per group (docs/metrics.md defines every figure). Nulls are written
 * out, not left away as elsewhere: a row always has every column, also in its CSV form.
 *
 * @param currency the pipeline's currency; every amount is in it
 * @param from     the period's first day, or {@code null} for no lower bound
 * @param to       the period's last day, or {@code null} for up to now
 * @param groupBy  the grouping's parameter name, or {@code null} for the one {@code total} row
 * @param rows     by key (a null key last), or by month from the first
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PipelineMetrics(
        String pipeline,
        String currency,
        LocalDate from,
        LocalDate to,
        String groupBy,
        List<Row> rows) {

    /** The key of the row of an ungrouped answer. */
    public static final String TOTAL = "total";

    /**
     * One group's figures.
     *
     * @param key             the owner, team, region, product or account ({@code null}: deals without one), the
     *                        month ({@code 2025-03}) or {@code total}
     * @param openCount       deals open at the end of the period
     * @param openValue       their amounts, summed
     * @param wonCount        deals won in the period
     * @param wonValue        their amounts at close, summed
     * @param lostCount       deals lost in the period
     * @param winRate         won / (won + lost); {@code null} without closes
     * @param averageDealSize won value / won count; {@code null} without wins
     * @param averageCycleDays days from creation to the win, averaged over the wins; {@code null} without wins
     * @param velocityPerDay  openCount x averageDealSize x winRate / averageCycleDays; {@code null} when a factor is
     * @param slippedShare    share of the row's deals (open at the end or closed in the period) that slipped
     * @param averageSlipDays slip days of those slipped deals / their number; {@code null} without any
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"key", "openCount", "openValue", "wonCount", "wonValue", "lostCount", "winRate",
            "averageDealSize", "averageCycleDays", "velocityPerDay", "slippedShare", "averageSlipDays"})
    public record Row(
            String key,
            long openCount,
            BigDecimal openValue,
            long wonCount,
            BigDecimal wonValue,
            long lostCount,
            BigDecimal winRate,
            BigDecimal averageDealSize,
            BigDecimal averageCycleDays,
            BigDecimal velocityPerDay,
            BigDecimal slippedShare,
            BigDecimal averageSlipDays) {
    }
}
