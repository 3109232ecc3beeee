package org.pipelineledger.command.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.pipelineledger.command.opportunity.Deals.ADMIN;
import static org.pipelineledger.command.opportunity.Deals.CLOCK;
import static org.pipelineledger.command.opportunity.Deals.CLOSE_DATE;
import static org.pipelineledger.command.opportunity.Deals.ID;
import static org.pipelineledger.command.opportunity.Deals.MANAGER;
import static org.pipelineledger.command.opportunity.Deals.NEGOTIATION;
import static org.pipelineledger.command.opportunity.Deals.NOW;
import static org.pipelineledger.command.opportunity.Deals.PROSPECTING;
import static org.pipelineledger.command.opportunity.Deals.QUALIFIED;
import static org.pipelineledger.command.opportunity.Deals.REP;
import static org.pipelineledger.command.opportunity.Deals.created;
import static org.pipelineledger.command.opportunity.Deals.createdIn;
import static org.pipelineledger.command.opportunity.Deals.invalidField;
import static org.pipelineledger.command.opportunity.Deals.later;
import static org.pipelineledger.command.opportunity.Deals.problem;
import static org.pipelineledger.command.opportunity.Deals.usd;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.NextStepSet;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.EntryCriteria;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.problem.ProblemKind;

/**
 * Every value a command puts into an event is within the ledger's bounds, checked by the aggregate itself (the demo
 * seeder and imports do not pass the API's validation): amounts, text, dates and business times out of bounds are
 * refused as 400 {@code VALIDATION_FAILED} naming the field, and nothing is appended.
 */
class KeepingValuesInBoundsTest {

    private static final StageKey OPEN = StageKey.of("OPEN");

    /** The default pipeline (USD) and one pipeline per kind of currency: no minor units, three, none defined. */
    private static final PipelineCatalog CATALOG_WITH_CURRENCIES = new PipelineCatalog(List.of(
            PipelineDefinition.defaultPipeline(),
            pipeline("yen", "JPY"), pipeline("dinar", "KWD"), pipeline("gold", "XAU")));

    /** Hebrew, Arabic (with a right-to-left mark, which is allowed), CJK, an emoji (two UTF-16 units) and more. */
    private static final String WORLD = "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627\u200F \u65E5\u672C"
            + " \uD83D\uDE80 Caf\u00E9 ";

    private static final String NUL = "\u0000";
    private static final String RIGHT_TO_LEFT_OVERRIDE = "\u202E";
    private static final String LONE_SURROGATE = "\uD800";

    private final AggregateTestFixture<Opportunity> fixture = Deals.fixture();

    private static PipelineDefinition pipeline(String key, String currency) {
        return new PipelineDefinition(key, key, currency,
                List.of(new StageDefinition(OPEN, "Open", EntryCriteria.NONE)));
    }

    private static AggregateTestFixture<Opportunity> fixtureWithCurrencies() {
        AggregateTestFixture<Opportunity> fixture = new AggregateTestFixture<>(Opportunity.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(CATALOG_WITH_CURRENCIES);
        fixture.registerCommandTargetResolver(new OpportunityTargetResolver());
        return fixture;
    }

    /** Exactly {@code length} UTF-16 units of {@code pattern}, repeated. */
    private static String ofLength(String pattern, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(pattern);
        }
        text.setLength(length);
        // never end on half of a surrogate pair
        if (Character.isHighSurrogate(text.charAt(length - 1))) {
            text.setCharAt(length - 1, 'x');
        }
        return text.toString();
    }

    private static CreateOpportunity create(String name, String account, String owner, String pipeline,
                                            String amount, LocalDate closeDate, Actor actor, Instant occurredAt) {
        return new CreateOpportunity(ID, name, account, owner, pipeline, null, new BigDecimal(amount), closeDate, null,
                actor, occurredAt);
    }

    private static CreateOpportunity createWithAmount(String pipeline, String amount) {
        return create("Acme renewal", "Acme", null, pipeline, amount, CLOSE_DATE, REP, null);
    }

    private static CreateOpportunity createNamed(String name) {
        return create(name, "Acme", null, null, "50000", CLOSE_DATE, REP, null);
    }

    private static ChangeAmount changeAmount(String amount) {
        return new ChangeAmount(ID, new BigDecimal(amount), null, null, REP, null);
    }

    // ---- amounts ------------------------------------------------------------------------------------------------

    @Test
    void anAmountWithMoreDecimalsThanTheCurrencyIsRefused() {
        fixture.givenNoPriorActivity()
                .when(createWithAmount(null, "1.234"))
                .expectNoEvents()
                .expectException(invalidField("amount"))
                .expectExceptionMessage("must have at most 2 decimals in this currency");
    }

    @Test
    void aChangedAmountWithMoreDecimalsThanTheDealsCurrencyIsRefused() {
        fixture.given(created())
                .when(changeAmount("0.001"))
                .expectNoEvents()
                .expectException(invalidField("amount"));
    }

    @Test
    void trailingZerosAreNotDecimalsAndAreNotRecordedBeyondTheCurrencys() {
        fixture.givenNoPriorActivity()
                .when(createWithAmount(null, "100.000"))
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "default", PROSPECTING,
                        usd("100.00"), CLOSE_DATE, Outlook.NEUTRAL, NOW));
    }

    @Test
    void aYenAmountIsAWholeNumber() {
        fixtureWithCurrencies().givenNoPriorActivity()
                .when(createWithAmount("yen", "1500.5"))
                .expectNoEvents()
                .expectException(invalidField("amount"))
                .expectExceptionMessage("must be a whole number in this currency");
        fixtureWithCurrencies().givenNoPriorActivity()
                .when(createWithAmount("yen", "1500.0"))
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "yen", OPEN,
                        Money.of("1500", "JPY"), CLOSE_DATE, Outlook.NEUTRAL, NOW));
    }

    @Test
    void aDinarAmountHasUpToThreeDecimals() {
        fixtureWithCurrencies().givenNoPriorActivity()
                .when(createWithAmount("dinar", "1.2345"))
                .expectNoEvents()
                .expectException(invalidField("amount"));
        fixtureWithCurrencies().givenNoPriorActivity()
                .when(createWithAmount("dinar", "1.234"))
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "dinar", OPEN,
                        Money.of("1.234", "KWD"), CLOSE_DATE, Outlook.NEUTRAL, NOW));
    }

    @Test
    void anAmountInACurrencyWithoutMinorUnitsHasUpToFourDecimals() {
        fixtureWithCurrencies().givenNoPriorActivity()
                .when(createWithAmount("gold", "1.23456"))
                .expectNoEvents()
                .expectException(invalidField("amount"));
        fixtureWithCurrencies().givenNoPriorActivity()
                .when(createWithAmount("gold", "1.2345"))
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "gold", OPEN,
                        Money.of("1.2345", "XAU"), CLOSE_DATE, Outlook.NEUTRAL, NOW));
    }

    @ParameterizedTest(name = "an amount of {0} is refused")
    @ValueSource(strings = {"1000000000000000", "1e15", "1e400", "1e-400", "-1e400", "1e2147483647"})
    void anAmountOf10To15OrWithAHugeExponentIsRefused(String amount) {
        fixture.givenNoPriorActivity()
                .when(createWithAmount(null, amount))
                .expectNoEvents()
                .expectException(invalidField("amount"));
        fixture.given(created())
                .when(changeAmount(amount))
                .expectNoEvents()
                .expectException(invalidField("amount"));
    }

    @Test
    void aThousandDigitAmountIsRefused() {
        fixture.given(created())
                .when(changeAmount("1".repeat(1000)))
                .expectNoEvents()
                .expectException(invalidField("amount"))
                .expectExceptionMessage(containsString("below 10^15"));
    }

    @Test
    void theLargestAmountIsAccepted() {
        fixture.given(created())
                .when(changeAmount("999999999999999.99"))
                .expectEvents(new AmountChanged(ID, usd("50000"), usd("999999999999999.99"), null, NOW));
    }

    @Test
    void aNegativeAmountWithinBoundsIsStillANegativeAmount() {
        fixture.given(created())
                .when(changeAmount("-1.50"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "NEGATIVE_AMOUNT"));
    }

    // ---- one-line text --------------------------------------------------------------------------------------------

    @Test
    void aNameWithAControlCharacterIsRefused() {
        fixture.givenNoPriorActivity()
                .when(createNamed("Acme\trenewal"))
                .expectNoEvents()
                .expectException(invalidField("name"))
                .expectExceptionMessage("must not contain a control character (U+0009 at index 4)");
    }

    @Test
    void aNameWithNulIsRefused() {
        fixture.givenNoPriorActivity()
                .when(createNamed("Acme" + NUL))
                .expectNoEvents()
                .expectException(invalidField("name"));
    }

    @Test
    void aNameWithABidiOverrideIsRefused() {
        fixture.givenNoPriorActivity()
                .when(createNamed("Invoice " + RIGHT_TO_LEFT_OVERRIDE + "fdp.exe"))
                .expectNoEvents()
                .expectException(invalidField("name"))
                .expectExceptionMessage(containsString("a bidirectional embedding, override or isolate (U+202E"));
    }

    @Test
    void aNameWithALoneSurrogateIsRefused() {
        fixture.givenNoPriorActivity()
                .when(createNamed("Acme " + LONE_SURROGATE))
                .expectNoEvents()
                .expectException(invalidField("name"));
    }

    @Test
    void aNameLongerThan200CharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(createNamed("a".repeat(201)))
                .expectNoEvents()
                .expectException(invalidField("name"))
                .expectExceptionMessage("must be at most 200 characters long");
    }

    /** Every kind of character a one-line field refuses, each in the middle of otherwise good text. */
    static Stream<String> refusedOnOneLine() {
        return Stream.of(NUL, "\t", "\n", "\r", "\u001B", "\u007F", "\u0085", "\u009F", "\u202A", RIGHT_TO_LEFT_OVERRIDE,
                "\u2066", "\u2069", "\u2028", "\u2029", LONE_SURROGATE, "\uDC00", "\uFDD0", "\uFFFE", "\uFFFF",
                "\uD83F\uDFFE");
    }

    static Stream<Arguments> oneLineFieldsAndTheirRefusedCharacters() {
        List<Arguments> cases = new ArrayList<>();
        refusedOnOneLine().forEach(bad -> {
            String value = "Acme " + bad + " renewal";
            cases.add(Arguments.of("name", List.of(), create(value, "Acme", null, null, "1", CLOSE_DATE, REP, null)));
            cases.add(Arguments.of("account", List.of(), create("Acme", value, null, null, "1", CLOSE_DATE, REP, null)));
            cases.add(Arguments.of("owner", List.of(), create("Acme", "Acme", value, null, "1", CLOSE_DATE, MANAGER,
                    null)));
            cases.add(Arguments.of("pipeline", List.of(), create("Acme", "Acme", null, value, "1", CLOSE_DATE, REP,
                    null)));
            cases.add(Arguments.of("owner", List.of(created()), new ReassignOwner(ID, value, null, MANAGER, null)));
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} refuses {2}")
    @MethodSource("oneLineFieldsAndTheirRefusedCharacters")
    void aOneLineFieldRefusesControlBidiSeparatorSurrogateAndNoncharacterCodePoints(
            String field, List<OpportunityEvent> given, OpportunityCommand command) {
        fixture.given(List.copyOf(given))
                .when(command)
                .expectNoEvents()
                .expectException(invalidField(field));
    }

    @Test
    void theLongestNamesAccountsAndOwnersAreAcceptedInAnyScript() {
        String name = ofLength(WORLD + "name ", 200);
        String account = ofLength(WORLD + "account ", 200);
        String owner = ofLength("owner" + WORLD, 200);
        fixture.givenNoPriorActivity()
                .when(create(name, account, owner, null, "1", CLOSE_DATE, MANAGER, null))
                .expectEvents(new OpportunityCreated(ID, name.strip(), account.strip(), owner.strip(), "default",
                        PROSPECTING, usd("1"), CLOSE_DATE, Outlook.NEUTRAL, NOW));
        fixture.given(created())
                .when(new ReassignOwner(ID, owner, null, MANAGER, null))
                .expectEvents(new OwnerReassigned(ID, "rep", owner.strip(), NOW));
    }

    @Test
    void anOwnerLongerThan200CharactersIsRefused() {
        fixture.given(created())
                .when(new ReassignOwner(ID, "o".repeat(201), null, MANAGER, null))
                .expectNoEvents()
                .expectException(invalidField("owner"));
    }

    // ---- free text ---------------------------------------------------------------------------------------------------

    /** Every free-text field of every command, with the deal it would be accepted on and its name in the API. */
    static Stream<Arguments> freeTextFields() {
        List<OpportunityEvent> open = List.of(createdIn(NEGOTIATION));
        List<OpportunityEvent> won = List.of(createdIn(NEGOTIATION),
                new OpportunityWon(ID, NEGOTIATION, usd("50000"), "signed", later(1)));
        return Stream.of(
                Arguments.of("note", open, (Function<String, OpportunityCommand>) text ->
                        new MoveToStage(ID, QUALIFIED, ReversionReason.OTHER, text, null, REP, null)),
                Arguments.of("reason", open, (Function<String, OpportunityCommand>) text ->
                        new ChangeCloseDate(ID, CLOSE_DATE.plusDays(1), text, null, REP, null)),
                Arguments.of("note", open, (Function<String, OpportunityCommand>) text ->
                        new ChangeOutlook(ID, Outlook.POSITIVE, text, null, REP, null)),
                Arguments.of("reason", open, (Function<String, OpportunityCommand>) text ->
                        new ChangeAmount(ID, new BigDecimal("1"), text, null, REP, null)),
                Arguments.of("description", open, (Function<String, OpportunityCommand>) text ->
                        new SetNextStep(ID, text, LocalDate.of(2025, 4, 1), null, REP, null)),
                Arguments.of("text", open, (Function<String, OpportunityCommand>) text ->
                        new AddNote(ID, text, null, REP, null)),
                Arguments.of("note", open, (Function<String, OpportunityCommand>) text ->
                        new MarkWon(ID, text, null, REP, null)),
                Arguments.of("reason", open, (Function<String, OpportunityCommand>) text ->
                        new MarkLost(ID, text, null, null, REP, null)),
                Arguments.of("note", open, (Function<String, OpportunityCommand>) text ->
                        new MarkLost(ID, "no budget", text, null, REP, null)),
                Arguments.of("note", won, (Function<String, OpportunityCommand>) text ->
                        new Reopen(ID, NEGOTIATION, text, null, REP, null)));
    }

    @ParameterizedTest(name = "{0} of command {index} refuses NUL")
    @MethodSource("freeTextFields")
    void aNoteOrReasonWithNulIsRefused(String field, List<OpportunityEvent> given,
                                       Function<String, OpportunityCommand> command) {
        fixture.given(List.copyOf(given))
                .when(command.apply("called" + NUL))
                .expectNoEvents()
                .expectException(invalidField(field));
    }

    @ParameterizedTest(name = "{0} of command {index} refuses a bidi override")
    @MethodSource("freeTextFields")
    void aNoteOrReasonWithABidiOverrideIsRefused(String field, List<OpportunityEvent> given,
                                                 Function<String, OpportunityCommand> command) {
        fixture.given(List.copyOf(given))
                .when(command.apply("called " + RIGHT_TO_LEFT_OVERRIDE + "them"))
                .expectNoEvents()
                .expectException(invalidField(field));
    }

    @ParameterizedTest(name = "{0} of command {index} refuses a lone surrogate")
    @MethodSource("freeTextFields")
    void aNoteOrReasonWithALoneSurrogateIsRefused(String field, List<OpportunityEvent> given,
                                                  Function<String, OpportunityCommand> command) {
        fixture.given(List.copyOf(given))
                .when(command.apply("called " + LONE_SURROGATE))
                .expectNoEvents()
                .expectException(invalidField(field));
    }

    @ParameterizedTest(name = "{0} of command {index} refuses 4001 characters")
    @MethodSource("freeTextFields")
    void aNoteOrReasonLongerThan4000CharactersIsRefused(String field, List<OpportunityEvent> given,
                                                        Function<String, OpportunityCommand> command) {
        fixture.given(List.copyOf(given))
                .when(command.apply("n".repeat(4001)))
                .expectNoEvents()
                .expectException(invalidField(field));
    }

    @ParameterizedTest(name = "{0} of command {index} takes 4000 characters with tabs, line breaks and any script")
    @MethodSource("freeTextFields")
    void theLongestNoteOrReasonIsAcceptedWithTabsLineBreaksAndAnyScript(String field, List<OpportunityEvent> given,
                                                                       Function<String, OpportunityCommand> command) {
        fixture.given(List.copyOf(given))
                .when(command.apply(ofLength("line\tone\r\n" + WORLD + "\n", 4000)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theLongestNoteIsRecordedAsWritten() {
        String note = ofLength("line\tone\r\n" + WORLD + "\n", 4000);
        fixture.given(created())
                .when(new AddNote(ID, note, null, REP, null))
                .expectEvents(new NoteAdded(ID, note, NOW));
    }

    // ---- dates and business times ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "a close date of {0} is refused")
    @ValueSource(strings = {"1899-12-31", "+10000-01-01", "-0001-06-30"})
    void aCloseDateBefore1900OrAfter9999IsRefused(String date) {
        LocalDate closeDate = LocalDate.parse(date);
        fixture.givenNoPriorActivity()
                .when(create("Acme", "Acme", null, null, "1", closeDate, REP, null))
                .expectNoEvents()
                .expectException(invalidField("closeDate"))
                .expectExceptionMessage("must be between 1900-01-01 and 9999-12-31");
        fixture.given(created())
                .when(new ChangeCloseDate(ID, closeDate, null, null, REP, null))
                .expectNoEvents()
                .expectException(invalidField("closeDate"));
        fixture.given(created())
                .when(new SetNextStep(ID, "call", closeDate, null, REP, null))
                .expectNoEvents()
                .expectException(invalidField("dueDate"));
    }

    @Test
    void theFirstAndTheLastDayAreAccepted() {
        LocalDate first = LocalDate.of(1900, 1, 1);
        LocalDate last = LocalDate.of(9999, 12, 31);
        fixture.givenNoPriorActivity()
                .when(create("Acme renewal", "Acme", null, null, "50000", first, REP, null))
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "default", PROSPECTING,
                        usd("50000"), first, Outlook.NEUTRAL, NOW));
        fixture.given(created())
                .when(new ChangeCloseDate(ID, last, null, null, REP, null))
                .expectEvents(new CloseDateSlipped(ID, CLOSE_DATE, last, 2_912_627, null, NOW));
        fixture.given(created())
                .when(new SetNextStep(ID, "call", last, null, REP, null))
                .expectEvents(new NextStepSet(ID, "call", last, NOW));
    }

    @Test
    void anAdminCannotRecordAnEventBefore1900() {
        fixture.givenNoPriorActivity()
                .when(create("Acme", "Acme", "rep", null, "1", CLOSE_DATE, ADMIN,
                        Instant.parse("1899-12-31T23:59:59Z")))
                .expectNoEvents()
                .expectException(invalidField("occurredAt"))
                .expectExceptionMessage("must not be before 1900-01-01T00:00:00Z");
    }

    @Test
    void anAdminMayRecordAnEventAtTheFirstInstantOf1900() {
        Instant first = Instant.parse("1900-01-01T00:00:00Z");
        fixture.givenNoPriorActivity()
                .when(create("Acme renewal", "Acme", "rep", null, "50000", CLOSE_DATE, ADMIN, first))
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "default", PROSPECTING,
                        usd("50000"), CLOSE_DATE, Outlook.NEUTRAL, first));
    }

    @Test
    void theEarliestBusinessTimeIsNoExcuseForARepToBackdate() {
        fixture.givenNoPriorActivity()
                .when(create("Acme", "Acme", null, null, "1", CLOSE_DATE, REP, Instant.parse("1800-01-01T00:00:00Z")))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN, "BACKDATING_NOT_ALLOWED"));
    }

    @Test
    void anActorNameThatCouldNotBeRecordedIsNoActor() {
        assertThatThrownBy(() -> Actor.rep("rep" + NUL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Actor.admin("a".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Actor.admin("demo-seeder").name()).isEqualTo("demo-seeder");
    }
}
