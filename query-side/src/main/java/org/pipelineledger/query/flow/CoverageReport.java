package org.pipelineledger.query.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.pipelineledger.events.TargetSet;

/**
 * Open value with a close date in the period against each owner's or team's target (docs/metrics-flow.md).
 *
 * @param rows one per owner and per team with a target or open value in the period (or the one asked for), owners
 *             first, each by name
 */
public record CoverageReport(String pipeline, String currency, String period, LocalDate from, LocalDate to,
                             List<Row> rows) {

    /**
     * @param openDeals       open deals with a close date in the period
     * @param openValue       their amounts' sum
     * @param target          the target set for the period, null for none
     * @param coverage        openValue / target to two decimals; null without a target or with a target of 0
     * @param belowThreeTimes openValue is less than three times the target; null when coverage is
     */
    // nulls are written, not left out as elsewhere in the API: "no target" and "no rate" are answers
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(TargetSet.Kind kind, String name, long openDeals, BigDecimal openValue, BigDecimal target,
                      BigDecimal coverage, Boolean belowThreeTimes) {
    }
}
