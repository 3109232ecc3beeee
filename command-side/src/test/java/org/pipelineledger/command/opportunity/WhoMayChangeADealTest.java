package org.pipelineledger.command.opportunity;

import static org.pipelineledger.command.opportunity.Deals.ADMIN;
import static org.pipelineledger.command.opportunity.Deals.ID;
import static org.pipelineledger.command.opportunity.Deals.MANAGER;
import static org.pipelineledger.command.opportunity.Deals.NOW;
import static org.pipelineledger.command.opportunity.Deals.OTHER_REP;
import static org.pipelineledger.command.opportunity.Deals.PROSPECTING;
import static org.pipelineledger.command.opportunity.Deals.QUALIFIED;
import static org.pipelineledger.command.opportunity.Deals.REP;
import static org.pipelineledger.command.opportunity.Deals.created;
import static org.pipelineledger.command.opportunity.Deals.later;
import static org.pipelineledger.command.opportunity.Deals.moveTo;
import static org.pipelineledger.command.opportunity.Deals.invalidField;
import static org.pipelineledger.command.opportunity.Deals.problem;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.problem.ProblemKind;

/** Reps change their own deals; managers and admins change any deal and are the only ones who hand deals over. */
class WhoMayChangeADealTest {

    private final AggregateTestFixture<Opportunity> fixture = Deals.fixture();

    @Test
    void aRepCannotChangeSomeoneElsesDeal() {
        fixture.given(created())
                .when(moveTo(QUALIFIED, OTHER_REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN, "NOT_DEAL_OWNER"));
    }

    @Test
    void aManagerMayChangeAnyDeal() {
        fixture.given(created())
                .when(moveTo(QUALIFIED, MANAGER, null))
                .expectEvents(new StageAdvanced(ID, PROSPECTING, QUALIFIED, NOW));
    }

    @Test
    void anAdminMayChangeAnyDeal() {
        fixture.given(created())
                .when(moveTo(QUALIFIED, ADMIN, null))
                .expectEvents(new StageAdvanced(ID, PROSPECTING, QUALIFIED, NOW));
    }

    @Test
    void aManagerMayHandADealToAnotherRep() {
        fixture.given(created())
                .when(new ReassignOwner(ID, "rep2", null, MANAGER, null))
                .expectEvents(new OwnerReassigned(ID, "rep", "rep2", NOW));
    }

    @Test
    void aRepCannotHandAwayEvenTheirOwnDeal() {
        fixture.given(created())
                .when(new ReassignOwner(ID, "rep2", null, REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN, "REASSIGN_NOT_ALLOWED"));
    }

    @Test
    void reassigningADealToItsOwnerIsRefused() {
        fixture.given(created())
                .when(new ReassignOwner(ID, "rep", null, MANAGER, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "OWNER_UNCHANGED"));
    }

    @Test
    void reassigningNeedsANewOwner() {
        fixture.given(created())
                .when(new ReassignOwner(ID, " ", null, MANAGER, null))
                .expectNoEvents()
                .expectException(invalidField("owner"));
    }

    @Test
    void theNewOwnerMayChangeTheDealOnceItIsHandedOver() {
        fixture.given(created(), new OwnerReassigned(ID, "rep", "rep2", later(1)))
                .when(moveTo(QUALIFIED, OTHER_REP, null))
                .expectEvents(new StageAdvanced(ID, PROSPECTING, QUALIFIED, NOW));
    }

    @Test
    void thePreviousOwnerCannotChangeTheDealOnceItIsHandedOver() {
        fixture.given(created(), new OwnerReassigned(ID, "rep", "rep2", later(1)))
                .when(moveTo(QUALIFIED, REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN, "NOT_DEAL_OWNER"));
    }
}
