package org.pipelineledger.command.opportunity;

import static org.pipelineledger.command.opportunity.Deals.ADMIN;
import static org.pipelineledger.command.opportunity.Deals.CLOSE_DATE;
import static org.pipelineledger.command.opportunity.Deals.DISCOVERY;
import static org.pipelineledger.command.opportunity.Deals.ID;
import static org.pipelineledger.command.opportunity.Deals.MANAGER;
import static org.pipelineledger.command.opportunity.Deals.NEGOTIATION;
import static org.pipelineledger.command.opportunity.Deals.NOW;
import static org.pipelineledger.command.opportunity.Deals.PROPOSAL;
import static org.pipelineledger.command.opportunity.Deals.PROSPECTING;
import static org.pipelineledger.command.opportunity.Deals.QUALIFIED;
import static org.pipelineledger.command.opportunity.Deals.REP;
import static org.pipelineledger.command.opportunity.Deals.created;
import static org.pipelineledger.command.opportunity.Deals.later;
import static org.pipelineledger.command.opportunity.Deals.problem;
import static org.pipelineledger.command.opportunity.Deals.usd;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.NextStepSet;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OutlookChanged;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.problem.ProblemKind;

/** A deal rebuilt from a long history decides from the state that history left, not from where it started. */
class ReplayingADealTest {

    private static final LocalDate SLIPPED = CLOSE_DATE.plusDays(30);
    private static final LocalDate PULLED_IN = SLIPPED.minusDays(5);

    /** Every kind of event, ending with the deal open again in PROPOSAL, owned by rep2, amount 80 000, outlook POSITIVE. */
    private static final List<Object> HISTORY = List.of(
            created(),
            new StageAdvanced(ID, PROSPECTING, DISCOVERY, later(1)),
            new StageReverted(ID, DISCOVERY, QUALIFIED, ReversionReason.CHANGING_NEEDS, "scope changed", later(2)),
            new CloseDateSlipped(ID, CLOSE_DATE, SLIPPED, 30, "legal", later(3)),
            new CloseDatePulledIn(ID, SLIPPED, PULLED_IN, 5, "quarter end", later(4)),
            new OutlookChanged(ID, Outlook.NEUTRAL, Outlook.POSITIVE, "champion engaged", later(5)),
            new AmountChanged(ID, usd("50000"), usd("80000"), "more seats", later(6)),
            new NextStepSet(ID, "security review", LocalDate.of(2025, 3, 1), later(7)),
            new NoteAdded(ID, "good call", later(8)),
            new OwnerReassigned(ID, "rep", "rep2", later(9)),
            new StageAdvanced(ID, QUALIFIED, NEGOTIATION, later(10)),
            new OpportunityWon(ID, NEGOTIATION, usd("80000"), null, later(11)),
            new OpportunityReopened(ID, DealStatus.WON, PROPOSAL, "PO rejected", later(12)),
            new OpportunityLost(ID, PROPOSAL, usd("80000"), "budget cut", null, later(13)),
            new OpportunityReopened(ID, DealStatus.LOST, PROPOSAL, "budget restored", later(14)));

    private static final Actor NEW_OWNER = Actor.rep("rep2");

    private final AggregateTestFixture<Opportunity> fixture = Deals.fixture();

    @Test
    void theReplayedDealIsInTheStageItWasReopenedAt() {
        fixture.given(HISTORY)
                .when(new MoveToStage(ID, PROPOSAL, null, null, null, NEW_OWNER, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "ALREADY_IN_STAGE"));
    }

    @Test
    void theReplayedDealIsOpenAgainAndMovesFromThereWithTheLatestVersion() {
        fixture.given(HISTORY)
                .when(new MoveToStage(ID, NEGOTIATION, null, null, 14L, NEW_OWNER, null))
                .expectEvents(new StageAdvanced(ID, PROPOSAL, NEGOTIATION, NOW))
                .expectResultMessagePayload(15L);
    }

    @Test
    void theReplayedDealBelongsToTheOwnerItWasHandedTo() {
        fixture.given(HISTORY)
                .when(new AddNote(ID, "still mine?", null, REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN, "NOT_DEAL_OWNER"));
    }

    @Test
    void theReplayedDealKeepsItsLatestCloseDate() {
        fixture.given(HISTORY)
                .when(new ChangeCloseDate(ID, PULLED_IN.plusDays(2), null, null, NEW_OWNER, null))
                .expectEvents(new CloseDateSlipped(ID, PULLED_IN, PULLED_IN.plusDays(2), 2, null, NOW));
    }

    @Test
    void theReplayedDealKeepsItsLatestOutlook() {
        fixture.given(HISTORY)
                .when(new ChangeOutlook(ID, Outlook.POSITIVE, null, null, MANAGER, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "OUTLOOK_UNCHANGED"));
    }

    @Test
    void theReplayedDealKeepsItsLatestAmount() {
        fixture.given(HISTORY)
                .when(new ChangeAmount(ID, new BigDecimal("80000"), null, null, MANAGER, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "AMOUNT_UNCHANGED"));
    }

    @Test
    void theReplayedDealRemembersItsLatestBusinessTime() {
        fixture.given(HISTORY)
                .when(new AddNote(ID, "backfilled", null, ADMIN, later(13)))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "OCCURRED_AT_BEFORE_PREVIOUS_EVENT"));
    }
}
