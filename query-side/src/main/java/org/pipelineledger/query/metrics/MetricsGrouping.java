package org.pipelineledger.query.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/** What the rows of a {@link GetMetrics} answer are keyed by; without one there is a single {@code total} row. */
public enum MetricsGrouping {

    /** The deal's current owner. */
    OWNER("owner"),
    /** The owner's team when the deal was created ({@code profile.team}). */
    TEAM("team"),
    /** The region when the deal was created ({@code profile.region}). */
    REGION("region"),
    /** The product sold ({@code profile.product}). */
    PRODUCT("product"),
    /** The deal's account. */
    ACCOUNT("account"),
    /** One row per calendar month (UTC) of the period. */
    MONTH(null);

    /** The {@code met_deal} column the rows are grouped by; a constant, never input. Null for {@link #MONTH}. */
    final String column;

    MetricsGrouping(String column) {
        this.column = column;
    }

    /** As the API names it: {@code owner}, ..., {@code month}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The grouping a {@code groupBy} parameter names; blank or null for none; anything else INVALID_PARAMETER. */
    public static MetricsGrouping parse(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return null;
        }
        return Arrays.stream(values())
                .filter(grouping -> grouping.parameter().equals(groupBy))
                .findFirst()
                .orElseThrow(() -> new LedgerException(ProblemCode.INVALID_PARAMETER,
                        "groupBy must be one of " + Arrays.stream(values()).map(MetricsGrouping::parameter)
                                .collect(Collectors.joining(", ")) + "; got '" + groupBy + "'"));
    }
}
