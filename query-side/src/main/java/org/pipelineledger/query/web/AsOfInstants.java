package org.pipelineledger.query.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.pipelineledger.query.support.Days;
import org.springframework.beans.TypeMismatchException;

/**
 * The {@code asOf} and {@code knownAt} parameters (docs/as-of.md, ADR 0016): an ISO-8601 instant with its offset
 * ({@code 2026-06-30T17:00:00Z}, {@code 2026-06-30T19:00:00+02:00}), or a bare date, which means the end of that day in
 * UTC (its last nanosecond: everything that happened on it). An absent one means now, per the injected clock; one in
 * the future, a date whose day has not ended, one before the year 1 or anything else is refused as the parameter's type is (400
 * {@code INVALID_PARAMETER}, naming it).
 */
final class AsOfInstants {

    /** Both instants of one request: each given, or the one clock reading of the request. */
    record Bounds(Instant asOf, Instant knownAt) {
    }

    /** The earliest instant asked about: every database stores it, and no ledger's event is older. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private AsOfInstants() {
    }

    /** {@code null} when neither parameter is given: the caller answers with the current state instead. */
    static Bounds of(String asOf, String knownAt, Clock clock) {
        if (asOf == null && knownAt == null) {
            return null;
        }
        Instant now = clock.instant();
        return new Bounds(parse("asOf", asOf, now), parse("knownAt", knownAt, now));
    }

    static Instant parse(String name, String value, Instant now) {
        if (value == null) {
            return now;
        }
        Instant instant = instantOrEndOfDay(name, value.trim());
        if (instant.isBefore(EARLIEST)) {
            throw refused(name, value, value.trim() + " is before the year 1");
        }
        if (instant.isAfter(now)) {
            throw refused(name, value, value.trim() + " is in the future (the ledger's clock says " + now + ")");
        }
        return instant;
    }

    private static Instant instantOrEndOfDay(String name, String value) {
        try {
            if (value.length() == 10) {
                return Days.endOf(LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE)).minusNanos(1);
            }
            return DateTimeFormatter.ISO_INSTANT.parse(value, Instant::from);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw refused(name, value, "'" + value + "' is neither an ISO-8601 instant with an offset, such as"
                    + " 2026-06-30T17:00:00Z, nor a date, such as 2026-06-30");
        }
    }

    /** Refused as a parameter of the wrong type is, so that the problem names it ({@code parameter}). */
    private static TypeMismatchException refused(String name, String value, String why) {
        TypeMismatchException refusal = new TypeMismatchException(value, Instant.class,
                new IllegalArgumentException(why));
        refusal.initPropertyName(name);
        return refusal;
    }
}
