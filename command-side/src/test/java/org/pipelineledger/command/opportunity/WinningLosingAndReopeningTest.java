package org.pipelineledger.command.opportunity;

import static org.pipelineledger.command.opportunity.Deals.CLOSE_DATE;
import static org.pipelineledger.command.opportunity.Deals.ID;
import static org.pipelineledger.command.opportunity.Deals.MANAGER;
import static org.pipelineledger.command.opportunity.Deals.NEGOTIATION;
import static org.pipelineledger.command.opportunity.Deals.NOW;
import static org.pipelineledger.command.opportunity.Deals.PROPOSAL;
import static org.pipelineledger.command.opportunity.Deals.QUALIFIED;
import static org.pipelineledger.command.opportunity.Deals.REP;
import static org.pipelineledger.command.opportunity.Deals.createdIn;
import static org.pipelineledger.command.opportunity.Deals.createdWithAmount;
import static org.pipelineledger.command.opportunity.Deals.later;
import static org.pipelineledger.command.opportunity.Deals.invalidField;
import static org.pipelineledger.command.opportunity.Deals.problem;
import static org.pipelineledger.command.opportunity.Deals.usd;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.problem.ProblemKind;

class WinningLosingAndReopeningTest {

    private static final OpportunityWon WON = new OpportunityWon(ID, NEGOTIATION, usd("50000"), "signed", later(1));
    private static final OpportunityLost LOST =
            new OpportunityLost(ID, NEGOTIATION, usd("50000"), "went with a competitor", null, later(1));

    private final AggregateTestFixture<Opportunity> fixture = Deals.fixture();

    /** Every change except reopening, each of which would be accepted on an open deal in NEGOTIATION. */
    static Stream<OpportunityCommand> changes() {
        return List.<OpportunityCommand>of(
                new MoveToStage(ID, QUALIFIED, ReversionReason.OTHER, "back to square one", null, REP, null),
                new ChangeCloseDate(ID, CLOSE_DATE.plusDays(1), null, null, REP, null),
                new ChangeOutlook(ID, Outlook.POSITIVE, null, null, REP, null),
                new ChangeAmount(ID, new BigDecimal("1"), null, null, REP, null),
                new SetNextStep(ID, "kick-off", LocalDate.of(2025, 4, 1), null, REP, null),
                new AddNote(ID, "hello", null, REP, null),
                new ReassignOwner(ID, "rep2", null, MANAGER, null),
                new MarkWon(ID, null, null, REP, null),
                new MarkLost(ID, "no budget", null, null, REP, null)).stream();
    }

    @Test
    void winningADealRecordsTheStageAndAmountItWasWonFrom() {
        fixture.given(createdIn(NEGOTIATION))
                .when(new MarkWon(ID, "signed", null, REP, null))
                .expectEvents(new OpportunityWon(ID, NEGOTIATION, usd("50000"), "signed", NOW));
    }

    @Test
    void losingADealRecordsTheReason() {
        fixture.given(createdIn(PROPOSAL))
                .when(new MarkLost(ID, "went with a competitor", "price", null, REP, null))
                .expectEvents(new OpportunityLost(ID, PROPOSAL, usd("50000"), "went with a competitor", "price", NOW));
    }

    @Test
    void losingADealNeedsAReason() {
        fixture.given(createdIn(PROPOSAL))
                .when(new MarkLost(ID, " ", "price", null, REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "LOSS_REASON_REQUIRED"));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void aWonDealCannotBeChangedExceptByReopeningIt(OpportunityCommand change) {
        fixture.given(createdIn(NEGOTIATION), WON)
                .when(change)
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "OPPORTUNITY_CLOSED"));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void aLostDealCannotBeChangedExceptByReopeningIt(OpportunityCommand change) {
        fixture.given(createdIn(NEGOTIATION), LOST)
                .when(change)
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "OPPORTUNITY_CLOSED"));
    }

    @Test
    void aWonDealMayBeReopenedAtAStageWithANote() {
        fixture.given(createdIn(NEGOTIATION), WON)
                .when(new Reopen(ID, PROPOSAL, "contract fell through", null, REP, null))
                .expectEvents(new OpportunityReopened(ID, DealStatus.WON, PROPOSAL, "contract fell through", NOW));
    }

    @Test
    void aReopenedDealCanMoveAgain() {
        fixture.given(createdIn(NEGOTIATION), LOST,
                        new OpportunityReopened(ID, DealStatus.LOST, PROPOSAL, "they called back", later(2)))
                .when(new MoveToStage(ID, NEGOTIATION, null, null, null, REP, null))
                .expectEvents(new StageAdvanced(ID, PROPOSAL, NEGOTIATION, NOW));
    }

    @Test
    void anOpenDealCannotBeReopened() {
        fixture.given(createdIn(NEGOTIATION))
                .when(new Reopen(ID, PROPOSAL, "why not", null, REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "OPPORTUNITY_OPEN"));
    }

    @Test
    void reopeningNeedsANote() {
        fixture.given(createdIn(NEGOTIATION), LOST)
                .when(new Reopen(ID, PROPOSAL, "", null, REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "REOPEN_NOTE_REQUIRED"));
    }

    @Test
    void reopeningNeedsAStage() {
        fixture.given(createdIn(NEGOTIATION), LOST)
                .when(new Reopen(ID, null, "they called back", null, REP, null))
                .expectNoEvents()
                .expectException(invalidField("stage"));
    }

    @Test
    void reopeningIntoAStageThePipelineDoesNotHaveIsRefused() {
        fixture.given(createdIn(NEGOTIATION), LOST)
                .when(new Reopen(ID, StageKey.of("CONTRACT"), "they called back", null, REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.BAD_REQUEST, "UNKNOWN_STAGE"));
    }

    @Test
    void reopeningIntoAGatedStageChecksItsEntryCriteria() {
        fixture.given(createdWithAmount(Deals.DISCOVERY, "0"),
                        new OpportunityLost(ID, Deals.DISCOVERY, usd("0"), "no budget", null, later(1)))
                .when(new Reopen(ID, PROPOSAL, "budget found", null, REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "ENTRY_CRITERIA_NOT_MET"));
    }

    @Test
    void onlyTheOwnerOrAManagerMayReopenADeal() {
        fixture.given(createdIn(NEGOTIATION), LOST)
                .when(new Reopen(ID, PROPOSAL, "they called back", null, Deals.OTHER_REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN, "NOT_DEAL_OWNER"));
    }
}
