package org.pipelineledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LimitsTest {

    @ParameterizedTest(name = "{0} is within the bounds of any currency")
    @ValueSource(strings = {"0", "0.0000", "1", "999999999999999", "999999999999999.9999", "100.00000000",
            "1E+14", "9.99E+14", "1E-4", "-999999999999999.9999", "0.000000000000000000000000000000"})
    void anAmountBelow10To15WithAtMostFourDecimalsIsWithinBounds(String amount) {
        assertThat(Limits.amount(new BigDecimal(amount))).isEmpty();
    }

    @ParameterizedTest(name = "{0} is out of bounds")
    @ValueSource(strings = {"1000000000000000", "999999999999999.99991", "1E+15", "1e400", "1e-400", "0.00001",
            "-1e400", "1e2147483647", "100e2147483647", "1e-2147483647"})
    void anAmountOf10To15OrWithMoreThanFourDecimalsIsOutOfBounds(String amount) {
        assertThat(Limits.amount(new BigDecimal(amount))).isPresent();
    }

    @Test
    void aThousandDigitAmountIsOutOfBounds() {
        assertThat(Limits.amount(new BigDecimal("9".repeat(1000)))).contains(
                "must be below 10^15 (at most 15 digits before the decimal point)");
    }

    @ParameterizedTest(name = "{0} has {1} decimals")
    @CsvSource({"USD, 2", "EUR, 2", "JPY, 0", "KWD, 3", "CLF, 4", "XAU, 4", "XDR, 4", "ZZZ, 4"})
    void anAmountHasAsManyDecimalsAsItsCurrencysMinorUnitsOrFourWithoutThem(String currency, int decimals) {
        assertThat(Limits.fractionDigits(currency)).isEqualTo(decimals);
    }

    @Test
    void whatTheApiAcceptsBeforeItKnowsTheCurrencyIncludesEveryCurrencysDecimals() {
        assertThat(Currency.getAvailableCurrencies())
                .allSatisfy(currency -> assertThat(currency.getDefaultFractionDigits())
                        .isLessThanOrEqualTo(Limits.MAX_FRACTION_DIGITS));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({"USD, 1.23, true", "USD, 1.234, false", "USD, 100.000, true", "JPY, 1, true", "JPY, 1.0, true",
            "JPY, 1.5, false", "KWD, 1.234, true", "KWD, 1.2345, false", "XAU, 1.2345, true", "XAU, 1.23456, false"})
    void anAmountHasNoMoreDecimalsThanItsCurrencyTrailingZerosNotCounted(String currency, String amount,
                                                                        boolean within) {
        assertThat(Limits.amount(new BigDecimal(amount), currency).isEmpty()).isEqualTo(within);
    }

    @Test
    void anAmountIsRecordedWithoutTrailingZerosBeyondItsCurrencysDecimals() {
        assertThat(Limits.recorded(new BigDecimal("100.000"), "USD")).isEqualTo(new BigDecimal("100.00"));
        assertThat(Limits.recorded(new BigDecimal("100.0"), "JPY")).isEqualTo(new BigDecimal("100"));
        assertThat(Limits.recorded(new BigDecimal("100.5"), "USD")).isEqualTo(new BigDecimal("100.5"));
        assertThat(Limits.recorded(new BigDecimal("1E+3"), "USD")).isEqualTo(new BigDecimal("1E+3"));
    }

    @Test
    void textUpToItsLengthInUtf16UnitsIsWithinBounds() {
        assertThat(Limits.singleLine("a".repeat(200), 200)).isEmpty();
        assertThat(Limits.singleLine("a".repeat(201), 200)).contains("must be at most 200 characters long");
        // a character outside the BMP counts twice, as @Size and H2 count it
        assertThat(Limits.singleLine("\uD83D\uDE00".repeat(100), 200)).isEmpty();
        assertThat(Limits.singleLine("a" + "\uD83D\uDE00".repeat(100), 200)).isPresent();
        assertThat(Limits.multiLine("a".repeat(4000), 4000)).isEmpty();
        assertThat(Limits.multiLine("a".repeat(4001), 4000)).isPresent();
    }

    @ParameterizedTest(name = "U+{0} is refused on one line and in free text")
    @ValueSource(ints = {0x00, 0x01, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
            0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFDD0, 0xFDEF, 0xFFFE,
            0xFFFF, 0x1FFFE, 0x10FFFF})
    void controlsBidiControlsSeparatorsLoneSurrogatesAndNoncharactersAreRefusedEverywhere(int character) {
        String text = "Acme " + Character.toString(character) + " renewal";

        assertThat(Limits.singleLineCharacters(text)).isPresent();
        assertThat(Limits.multiLineCharacters(text)).isPresent();
    }

    @ParameterizedTest(name = "U+{0} is refused on one line only")
    @ValueSource(ints = {0x09, 0x0A, 0x0D})
    void tabsAndLineBreaksAreFreeTextOnly(int character) {
        String text = "Acme" + Character.toString(character) + "renewal";

        assertThat(Limits.singleLineCharacters(text)).contains("must not contain a control character (U+"
                + String.format("%04X", character) + " at index 4)");
        assertThat(Limits.multiLineCharacters(text)).isEmpty();
    }

    @Test
    void printableTextInAnyScriptIsWithinBounds() {
        String text = "Acme \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 \u65E5\u672C \uD83D\uDE00"
                + " caf\u00E9 \u200F\u200E \u00A0 \uFFFD \uFDF0 \uD83F\uDFFD";

        assertThat(Limits.singleLineCharacters(text)).isEmpty();
        assertThat(Limits.multiLineCharacters(text)).isEmpty();
    }

    @Test
    void aRefusalNamesTheCharacterButNeverEchoesTheText() {
        assertThat(Limits.singleLineCharacters("secret\u202Egnp.exe")).contains(
                "must not contain a bidirectional embedding, override or isolate (U+202E at index 6)");
        assertThat(Limits.singleLineCharacters("ab\uD800")).contains(
                "must not contain an unpaired surrogate (U+D800 at index 2)");
    }

    @Test
    void datesRunFrom1900To9999() {
        assertThat(Limits.date(LocalDate.of(1900, 1, 1))).isEmpty();
        assertThat(Limits.date(LocalDate.of(9999, 12, 31))).isEmpty();
        assertThat(Limits.date(LocalDate.of(1899, 12, 31))).contains("must be between 1900-01-01 and 9999-12-31");
        assertThat(Limits.date(LocalDate.of(10000, 1, 1))).isPresent();
        assertThat(Limits.date(LocalDate.MIN)).isPresent();
    }

    @Test
    void aBusinessTimeIsNotBefore1900() {
        assertThat(Limits.occurredAt(Instant.parse("1900-01-01T00:00:00Z"))).isEmpty();
        assertThat(Limits.occurredAt(Instant.parse("1899-12-31T23:59:59.999999999Z")))
                .contains("must not be before 1900-01-01T00:00:00Z");
        assertThat(Limits.occurredAt(Instant.MIN)).isPresent();
    }

    @Test
    void nullIsLeftToTheRulesThatRequireAValue() {
        assertThat(Limits.amount(null)).isEmpty();
        assertThat(Limits.singleLine(null, 1)).isEmpty();
        assertThat(Limits.multiLine(null, 1)).isEmpty();
        assertThat(Limits.date(null)).isEmpty();
        assertThat(Limits.occurredAt(null)).isEmpty();
    }
}
