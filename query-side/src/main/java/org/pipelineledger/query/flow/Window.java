package org.pipelineledger.query.flow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * Days {@code from} to {@code to}, both included, in UTC business time: from the start of {@code from} to the start of
 * the day after {@code to}. A {@code to} before {@code from} is refused with 400 {@code INVALID_PERIOD}.
 */
public record Window(LocalDate from, LocalDate to) {

    public Window {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new LedgerException(ProblemCode.INVALID_PERIOD, "to (" + to + ") is before from (" + from + ")");
        }
    }

    /** The first instant of the window. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the window. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
