package org.pipelineledger.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bounds of every value the ledger accepts into an event, defined once for the command API's validation and the
 * aggregate alike: whatever passes them can be projected by every read model, on H2 and on PostgreSQL. Each check
 * answers the reason a value is refused, written for the caller and never echoing the value, or nothing if the
 * value is within bounds; {@code null} is left to the caller's own "required" rules.
 * <p>
 * Events are never checked against these bounds: an event already stored stays readable even if it breaks a bound
 * introduced after it was written.
 */
public final class Limits {

    /**
     * Amounts stay below 10^15. A read model keeps each amount, and each stage's sum of open amounts, as
     * {@code NUMERIC(38, 10)}: 28 digits before the point (query-side migrations V3 and V7). One amount uses at most 15
     * of them and at most {@value #MAX_FRACTION_DIGITS} of the 10 after it, so a stage's total overflows only beyond
     * 10^13 deals at the largest amount.
     */
    public static final int MAX_INTEGER_DIGITS = 15;

    /**
     * Decimals any amount may have: the most minor units of any ISO 4217 currency (CLF and UYW have 4), and what a
     * currency without minor units (XAU, XDR, ...) or a code Java does not know is allowed.
     */
    public static final int MAX_FRACTION_DIGITS = 4;

    /** Deal name, account and owner: one line. The narrowest column they reach is {@code owner VARCHAR(255)}. */
    public static final int MAX_NAME_LENGTH = 200;

    /** Notes, reasons and next-step descriptions; every read-model column they reach is an unbounded VARCHAR. */
    public static final int MAX_TEXT_LENGTH = 4000;

    /** As {@link OpportunityId} allows; the read models' {@code opportunity_id VARCHAR(64)}. */
    public static final int MAX_ID_LENGTH = 64;

    /** As stage keys and pipeline keys allow; the read models' {@code stage}/{@code pipeline VARCHAR(40)}. */
    public static final int MAX_KEY_LENGTH = 40;

    /** Close dates and next-step due dates: from this day ... */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);

    /** ... to this one: four-digit years, which every database and every client's date parser reads. */
    public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

    /** A business time ({@code occurredAt}) supplied by an admin is never earlier than this. */
    public static final Instant EARLIEST_OCCURRED_AT = Instant.parse("1900-01-01T00:00:00Z");

    /**
     * The user names that may log in and so be recorded as an event's {@code actor} and a deal's default owner: ASCII
     * letters, digits, '.', '_', '@' and '-', at most 64 of them, well within {@code actor}/{@code owner VARCHAR(255)}.
     */
    public static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private Limits() {
    }

    /**
     * The decimals an amount in this currency may have: its minor units ({@link Currency#getDefaultFractionDigits()},
     * USD 2, JPY 0, KWD 3), or {@value #MAX_FRACTION_DIGITS} for a currency without minor units (XAU, gold, is
     * weighed in fractions of an ounce) and for a code Java does not know.
     */
    public static int fractionDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? MAX_FRACTION_DIGITS : Math.min(digits, MAX_FRACTION_DIGITS);
        } catch (IllegalArgumentException unknown) {
            return MAX_FRACTION_DIGITS;
        }
    }

    /** An amount in any currency: what the command API can check before it knows a deal's currency. */
    public static Optional<String> amount(BigDecimal amount) {
        return amount(amount, MAX_FRACTION_DIGITS);
    }

    /** An amount in this currency. */
    public static Optional<String> amount(BigDecimal amount, String currency) {
        return amount(amount, fractionDigits(currency));
    }

    /**
     * At most {@value #MAX_INTEGER_DIGITS} digits before the point and {@code fractionDigits} after it, trailing zeros
     * not counted ({@code 100.000} is 100). The sign is not checked: a negative amount is a rule of its own.
     */
    private static Optional<String> amount(BigDecimal amount, int fractionDigits) {
        if (amount == null) {
            return Optional.empty();
        }
        // in long: a scale near Integer.MIN_VALUE (1e2147483647) would overflow an int
        long integerDigits = (long) amount.precision() - amount.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return Optional.of("must be below 10^" + MAX_INTEGER_DIGITS + " (at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point)");
        }
        // only a positive scale can hide trailing zeros; stripping a negative one could overflow the scale
        int decimals = amount.scale() <= 0 ? 0 : Math.max(0, amount.stripTrailingZeros().scale());
        if (decimals > fractionDigits) {
            return Optional.of(fractionDigits == 0
                    ? "must be a whole number in this currency"
                    : "must have at most " + fractionDigits + " decimal" + (fractionDigits == 1 ? "" : "s")
                            + (fractionDigits == MAX_FRACTION_DIGITS ? "" : " in this currency"));
        }
        return Optional.empty();
    }

    /**
     * The amount as it is recorded: the same number without trailing zeros beyond the currency's minor units, so a
     * recorded amount never has more than {@value #MAX_INTEGER_DIGITS} + {@value #MAX_FRACTION_DIGITS} digits. Only
     * for an amount {@link #amount(BigDecimal, String)} accepted.
     */
    public static BigDecimal recorded(BigDecimal amount, String currency) {
        int digits = fractionDigits(currency);
        // exact: the amount has no non-zero digit beyond the currency's decimals
        return amount.scale() > digits ? amount.setScale(digits) : amount;
    }

    /**
     * One line of text (a name, an account, an owner, a key): at most {@code maxLength} UTF-16 units (as Java, H2 and
     * Bean Validation's {@code @Size} count; PostgreSQL counts code points, never more) of
     * {@link #singleLineCharacters single-line characters}.
     */
    public static Optional<String> singleLine(String value, int maxLength) {
        return length(value, maxLength).or(() -> singleLineCharacters(value));
    }

    /** Free text (a note, a reason, a description): as {@link #singleLine} but of {@link #multiLineCharacters}. */
    public static Optional<String> multiLine(String value, int maxLength) {
        return length(value, maxLength).or(() -> multiLineCharacters(value));
    }

    /**
     * Only printable text on one line: no control character at all (C0, DEL, C1: PostgreSQL refuses NUL, and tabs and
     * line breaks break every one-line display), no bidirectional embedding, override or isolate (U+202A-U+202E,
     * U+2066-U+2069: they make a name read as something else), no line or paragraph separator (U+2028, U+2029), no
     * unpaired surrogate (it cannot be written as UTF-8) and no noncharacter.
     */
    public static Optional<String> singleLineCharacters(String value) {
        return characters(value, false);
    }

    /** As {@link #singleLineCharacters}, except that TAB, LF and CR are allowed. */
    public static Optional<String> multiLineCharacters(String value) {
        return characters(value, true);
    }

    /** A close date or due date: within {@link #EARLIEST_DATE} and {@link #LATEST_DATE}. */
    public static Optional<String> date(LocalDate date) {
        if (date == null || (!date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE))) {
            return Optional.empty();
        }
        return Optional.of("must be between " + EARLIEST_DATE + " and " + LATEST_DATE);
    }

    /** A business time supplied by the caller: not before {@link #EARLIEST_OCCURRED_AT}. */
    public static Optional<String> occurredAt(Instant occurredAt) {
        if (occurredAt == null || !occurredAt.isBefore(EARLIEST_OCCURRED_AT)) {
            return Optional.empty();
        }
        return Optional.of("must not be before " + EARLIEST_OCCURRED_AT);
    }

    /** Whether this may be a user's name ({@link #USER_NAME}). */
    public static boolean isUserName(String name) {
        return name != null && USER_NAME.matcher(name).matches();
    }

    private static Optional<String> length(String value, int maxLength) {
        if (value == null || value.length() <= maxLength) {
            return Optional.empty();
        }
        return Optional.of("must be at most " + maxLength + " characters long");
    }

    private static Optional<String> characters(String value, boolean multiLine) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            String kind = kindOfRefused(c, multiLine);
            if (kind != null) {
                return Optional.of("must not contain " + kind + " (" + String.format("U+%04X", c) + " at index " + i
                        + ")");
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    private static String kindOfRefused(int c, boolean multiLine) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return multiLine && (c == '\t' || c == '\n' || c == '\r') ? null : "a control character";
        }
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
            return "a bidirectional embedding, override or isolate";
        }
        if (c == 0x2028 || c == 0x2029) {
            return "a line or paragraph separator";
        }
        // codePointAt answers a surrogate only when it has no partner
        if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
            return "an unpaired surrogate";
        }
        if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) {
            return "a noncharacter";
        }
        return null;
    }
}
