package org.pipelineledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.serialization.Revision;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * A sales target was set for one owner or team of a pipeline for a period (a quarter or a month). Targets are data
 * kept as events: each pipeline's period is one stream of these, so the stream holds every target ever set and what
 * each replaced.
 *
 * @param period         the period's key, {@code 2027-Q1} or {@code 2027-03} ({@link Period})
 * @param pipeline       the pipeline's key
 * @param kind           whether {@code name} is an owner or a team
 * @param name           the owner's user name or the team's name
 * @param amount         the target, in the pipeline's currency
 * @param previousAmount the target it replaced, null for the first one of this owner or team in the period
 * @param occurredAt     business time
 */
@Revision("1")
public record TargetSet(
        String period,
        String pipeline,
        Kind kind,
        String name,
        Money amount,
        Money previousAmount,
        Instant occurredAt) {

    /** Whom a target is for. */
    public enum Kind {
        OWNER, TEAM
    }

    /**
     * A calendar quarter ({@code YYYY-Qn}) or month ({@code YYYY-MM}), in UTC dates.
     *
     * @param key   the period as written, {@code 2027-Q1} or {@code 2027-03}
     * @param first its first day
     * @param last  its last day
     */
    public record Period(String key, LocalDate first, LocalDate last) {

        private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
        private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

        /** The period {@code key} names; anything else is refused with 400 {@code INVALID_PERIOD}. */
        public static Period parse(String key) {
            Matcher quarter = QUARTER.matcher(key == null ? "" : key);
            if (quarter.matches()) {
                YearMonth start = YearMonth.of(year(quarter), 3 * Integer.parseInt(quarter.group(2)) - 2);
                return new Period(key, start.atDay(1), start.plusMonths(2).atEndOfMonth());
            }
            Matcher month = MONTH.matcher(key == null ? "" : key);
            if (month.matches()) {
                YearMonth yearMonth = YearMonth.of(year(month), Integer.parseInt(month.group(2)));
                return new Period(key, yearMonth.atDay(1), yearMonth.atEndOfMonth());
            }
            throw new LedgerException(ProblemCode.INVALID_PERIOD,
                    "a period is a quarter (2027-Q1) or a month (2027-03), not '" + key + "'");
        }

        private static int year(Matcher matcher) {
            int year = Integer.parseInt(matcher.group(1));
            // the same calendar as every other date of the ledger
            if (year < Limits.EARLIEST_DATE.getYear()) {
                throw new LedgerException(ProblemCode.INVALID_PERIOD,
                        "a period starts in " + Limits.EARLIEST_DATE.getYear() + " or later, not in " + year);
            }
            return year;
        }
    }
}
