package org.pipelineledger.command.opportunity;

import static org.pipelineledger.command.opportunity.Deals.CLOSE_DATE;
import static org.pipelineledger.command.opportunity.Deals.ID;
import static org.pipelineledger.command.opportunity.Deals.NOW;
import static org.pipelineledger.command.opportunity.Deals.REP;
import static org.pipelineledger.command.opportunity.Deals.created;
import static org.pipelineledger.command.opportunity.Deals.invalidField;
import static org.pipelineledger.command.opportunity.Deals.problem;
import static org.pipelineledger.command.opportunity.Deals.usd;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.NextStepSet;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OutlookChanged;
import org.pipelineledger.problem.ProblemKind;

/** Close date, outlook, amount, next step and notes on an open deal. */
class ChangingADealTest {

    private static final LocalDate DUE = LocalDate.of(2025, 3, 14);

    private final AggregateTestFixture<Opportunity> fixture = Deals.fixture();

    private static ChangeCloseDate closeOn(LocalDate date) {
        return new ChangeCloseDate(ID, date, "legal review", null, REP, null);
    }

    private static ChangeAmount amountOf(String amount) {
        return new ChangeAmount(ID, amount == null ? null : new BigDecimal(amount), "added seats", null, REP, null);
    }

    @Test
    void aLaterCloseDateIsASlipOfThatManyDays() {
        fixture.given(created())
                .when(closeOn(CLOSE_DATE.plusDays(45)))
                .expectEvents(new CloseDateSlipped(ID, CLOSE_DATE, CLOSE_DATE.plusDays(45), 45, "legal review", NOW));
    }

    @Test
    void anEarlierCloseDateIsAPullInOfThatManyDays() {
        fixture.given(created())
                .when(closeOn(CLOSE_DATE.minusDays(10)))
                .expectEvents(new CloseDatePulledIn(ID, CLOSE_DATE, CLOSE_DATE.minusDays(10), 10, "legal review", NOW));
    }

    @Test
    void theSlipIsCountedFromTheCurrentCloseDateNotTheOriginalOne() {
        fixture.given(created(), new CloseDateSlipped(ID, CLOSE_DATE, CLOSE_DATE.plusDays(30), 30, null, Deals.later(1)))
                .when(closeOn(CLOSE_DATE.plusDays(31)))
                .expectEvents(new CloseDateSlipped(ID, CLOSE_DATE.plusDays(30), CLOSE_DATE.plusDays(31), 1,
                        "legal review", NOW));
    }

    @Test
    void theSameCloseDateAgainIsRefused() {
        fixture.given(created())
                .when(closeOn(CLOSE_DATE))
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "CLOSE_DATE_UNCHANGED"));
    }

    @Test
    void aCloseDateChangeNeedsADate() {
        fixture.given(created())
                .when(closeOn(null))
                .expectNoEvents()
                .expectException(invalidField("closeDate"));
    }

    @Test
    void aNewOutlookIsRecordedWithTheOldOne() {
        fixture.given(created())
                .when(new ChangeOutlook(ID, Outlook.CAUTIOUS, "champion left", null, REP, null))
                .expectEvents(new OutlookChanged(ID, Outlook.NEUTRAL, Outlook.CAUTIOUS, "champion left", NOW));
    }

    @Test
    void theSameOutlookAgainIsRefused() {
        fixture.given(created())
                .when(new ChangeOutlook(ID, Outlook.NEUTRAL, null, null, REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "OUTLOOK_UNCHANGED"));
    }

    @Test
    void anOutlookChangeNeedsAnOutlook() {
        fixture.given(created())
                .when(new ChangeOutlook(ID, null, null, null, REP, null))
                .expectNoEvents()
                .expectException(invalidField("outlook"));
    }

    @Test
    void aNewAmountIsRecordedInThePipelinesCurrency() {
        fixture.given(created())
                .when(amountOf("65000"))
                .expectEvents(new AmountChanged(ID, usd("50000"), usd("65000"), "added seats", NOW));
    }

    @Test
    void anAmountMayDropToZero() {
        fixture.given(created())
                .when(amountOf("0"))
                .expectEvents(new AmountChanged(ID, usd("50000"), usd("0"), "added seats", NOW));
    }

    @Test
    void aNegativeAmountIsRefused() {
        fixture.given(created())
                .when(amountOf("-0.01"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "NEGATIVE_AMOUNT"));
    }

    @Test
    void theSameAmountAgainIsRefusedWhateverItsScale() {
        fixture.given(created())
                .when(amountOf("50000.00"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "AMOUNT_UNCHANGED"));
    }

    @Test
    void anAmountChangeNeedsAnAmount() {
        fixture.given(created())
                .when(amountOf(null))
                .expectNoEvents()
                .expectException(invalidField("amount"));
    }

    @Test
    void aNextStepIsRecordedWithItsDueDate() {
        fixture.given(created())
                .when(new SetNextStep(ID, "send the proposal", DUE, null, REP, null))
                .expectEvents(new NextStepSet(ID, "send the proposal", DUE, NOW));
    }

    @Test
    void aNextStepNeedsADescription() {
        fixture.given(created())
                .when(new SetNextStep(ID, "", DUE, null, REP, null))
                .expectNoEvents()
                .expectException(invalidField("description"));
    }

    @Test
    void aNextStepNeedsADueDate() {
        fixture.given(created())
                .when(new SetNextStep(ID, "send the proposal", null, null, REP, null))
                .expectNoEvents()
                .expectException(invalidField("dueDate"));
    }

    @Test
    void aNoteIsRecorded() {
        fixture.given(created())
                .when(new AddNote(ID, "called the buyer", null, REP, null))
                .expectEvents(new NoteAdded(ID, "called the buyer", NOW));
    }

    @Test
    void aBlankNoteIsRefused() {
        fixture.given(created())
                .when(new AddNote(ID, " \n", null, REP, null))
                .expectNoEvents()
                .expectException(invalidField("text"));
    }
}
