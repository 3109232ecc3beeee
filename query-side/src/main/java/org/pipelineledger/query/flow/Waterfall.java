package org.pipelineledger.query.flow;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The window's pipeline at its start and end and every way in and out in between (docs/metrics-flow.md):
 * {@code openAtStart + created + pulledIn - won - lost - slippedOut = openAtEnd} for counts, and for values with
 * {@code + amountChanged}.
 */
public record Waterfall(String pipeline, String currency, LocalDate from, LocalDate to, Line openAtStart,
                        Line created, Line pulledIn, Line won, Line lost, Line slippedOut, Line amountChanged,
                        Line openAtEnd) {

    /**
     * One line: how many deals (for {@code amountChanged}, amount changes) and their value.
     */
    public record Line(long count, BigDecimal value) {

        static final Line NONE = new Line(0, BigDecimal.ZERO);

        Line plus(long moreCount, BigDecimal moreValue) {
            return new Line(count + moreCount, value.add(moreValue));
        }
    }
}
