package org.pipelineledger.command.opportunity;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.pipelineledger.command.opportunity.Deals.CLOSE_DATE;
import static org.pipelineledger.command.opportunity.Deals.CREATED_AT;
import static org.pipelineledger.command.opportunity.Deals.DISCOVERY;
import static org.pipelineledger.command.opportunity.Deals.ID;
import static org.pipelineledger.command.opportunity.Deals.NEGOTIATION;
import static org.pipelineledger.command.opportunity.Deals.NOW;
import static org.pipelineledger.command.opportunity.Deals.PROPOSAL;
import static org.pipelineledger.command.opportunity.Deals.PROSPECTING;
import static org.pipelineledger.command.opportunity.Deals.QUALIFIED;
import static org.pipelineledger.command.opportunity.Deals.REP;
import static org.pipelineledger.command.opportunity.Deals.created;
import static org.pipelineledger.command.opportunity.Deals.createdIn;
import static org.pipelineledger.command.opportunity.Deals.createdWithAmount;
import static org.pipelineledger.command.opportunity.Deals.later;
import static org.pipelineledger.command.opportunity.Deals.moveTo;
import static org.pipelineledger.command.opportunity.Deals.invalidField;
import static org.pipelineledger.command.opportunity.Deals.problem;
import static org.pipelineledger.command.opportunity.Deals.usd;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.NextStepSet;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.problem.ProblemKind;

class MovingADealThroughStagesTest {

    private static final StageKey LEAD = StageKey.of("LEAD");
    private static final StageKey SOLUTION = StageKey.of("SOLUTION");
    private static final StageKey CONTRACT = StageKey.of("CONTRACT");

    private final AggregateTestFixture<Opportunity> fixture = Deals.fixture();

    private static MoveToStage moveBack(StageKey stage, ReversionReason reason, String note) {
        return new MoveToStage(ID, stage, reason, note, null, REP, null);
    }

    private static OpportunityCreated createdInEnterprise() {
        return new OpportunityCreated(ID, "Globex rollout", "Globex", "rep", "enterprise", LEAD,
                Money.of("120000", "EUR"), CLOSE_DATE, Outlook.NEUTRAL, CREATED_AT);
    }

    @Test
    void movingToTheNextStageAdvancesTheDeal() {
        fixture.given(created())
                .when(moveTo(QUALIFIED))
                .expectEvents(new StageAdvanced(ID, PROSPECTING, QUALIFIED, NOW));
    }

    @Test
    void aDealMaySkipStagesOnTheWayForward() {
        fixture.given(created())
                .when(moveTo(NEGOTIATION))
                .expectEvents(new StageAdvanced(ID, PROSPECTING, NEGOTIATION, NOW));
    }

    @Test
    void movingBackWithAReasonAndANoteRevertsTheDeal() {
        fixture.given(createdIn(PROPOSAL))
                .when(moveBack(QUALIFIED, ReversionReason.NEW_DECISION_MAKER, "new CFO wants to start over"))
                .expectEvents(new StageReverted(ID, PROPOSAL, QUALIFIED, ReversionReason.NEW_DECISION_MAKER,
                        "new CFO wants to start over", NOW));
    }

    @Test
    void aBackwardMoveNeedsAReason() {
        fixture.given(createdIn(PROPOSAL))
                .when(moveBack(QUALIFIED, null, "new CFO wants to start over"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "REVERSION_REASON_REQUIRED"));
    }

    @Test
    void aBackwardMoveNeedsANoteSayingWhy() {
        fixture.given(createdIn(PROPOSAL))
                .when(moveBack(QUALIFIED, ReversionReason.BUDGET, "  "))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "REVERSION_NOTE_REQUIRED"));
    }

    @Test
    void movingToTheStageTheDealIsAlreadyInIsRefused() {
        fixture.given(created(), new StageAdvanced(ID, PROSPECTING, DISCOVERY, later(1)))
                .when(moveTo(DISCOVERY))
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "ALREADY_IN_STAGE"));
    }

    @Test
    void aDealCannotMoveToAStageItsPipelineDoesNotHave() {
        fixture.given(created())
                .when(moveTo(StageKey.of("CONTRACT")))
                .expectNoEvents()
                .expectException(problem(ProblemKind.BAD_REQUEST, "UNKNOWN_STAGE"));
    }

    @Test
    void aMoveNeedsAStage() {
        fixture.given(created())
                .when(moveTo(null))
                .expectNoEvents()
                .expectException(invalidField("stage"));
    }

    @Test
    void enteringProposalWithoutAnAmountIsRefusedNamingTheAmount() {
        fixture.given(createdWithAmount(DISCOVERY, "0"))
                .when(moveTo(PROPOSAL))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "ENTRY_CRITERIA_NOT_MET"))
                .expectExceptionMessage(allOf(containsString("PROPOSAL"), containsString("an amount above zero")));
    }

    @Test
    void skippingIntoAGatedStageStillChecksItsEntryCriteria() {
        fixture.given(createdWithAmount(PROSPECTING, "0"))
                .when(moveTo(NEGOTIATION))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "ENTRY_CRITERIA_NOT_MET"));
    }

    @Test
    void aStageThatNeedsANextStepRefusesADealWithoutOne() {
        fixture.given(createdInEnterprise())
                .when(moveTo(SOLUTION))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "ENTRY_CRITERIA_NOT_MET"))
                .expectExceptionMessage(containsString("a next step"));
    }

    @Test
    void aStageThatNeedsANextStepAdmitsADealOnceOneIsSet() {
        fixture.given(createdInEnterprise(),
                        new NextStepSet(ID, "workshop with IT", LocalDate.of(2025, 3, 20), later(1)))
                .when(moveTo(CONTRACT))
                .expectEvents(new StageAdvanced(ID, LEAD, CONTRACT, NOW));
    }

    @Test
    void aBackwardMoveIsRecordedEvenWhenTheDealNoLongerMeetsTheEarlierStagesCriteria() {
        fixture.given(createdIn(NEGOTIATION), new AmountChanged(ID, usd("50000"), usd("0"), "scope cut", later(1)))
                .when(moveBack(PROPOSAL, ReversionReason.BUDGET, "budget frozen until Q3"))
                .expectEvents(new StageReverted(ID, NEGOTIATION, PROPOSAL, ReversionReason.BUDGET,
                        "budget frozen until Q3", NOW));
    }

    @Test
    void aForwardMoveIgnoresAReasonAndANote() {
        fixture.given(created())
                .when(new MoveToStage(ID, QUALIFIED, ReversionReason.OTHER, "qualified on the first call", null, REP, null))
                .expectEvents(new StageAdvanced(ID, PROSPECTING, QUALIFIED, NOW));
    }
}
