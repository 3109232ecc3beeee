package org.pipelineledger.query.flow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.pipelineledger.query.support.Days;

/**
 * Days {@code from} to {@code to}, both included, in UTC business time: from the start of {@code from} to the start of
 * the day after {@code to}. A {@code to} before {@code from} is refused with 400 {@code INVALID_PERIOD}.
 */
public record Window(LocalDate from, LocalDate to) {

    public Window {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Days.requirePeriod(from, to);
    }

    /** The first instant of the window. */
    public Instant start() {
        return Days.startOf(from);
    }

    /** The first instant after the window. */
    public Instant end() {
        return Days.endOf(to);
    }
}
