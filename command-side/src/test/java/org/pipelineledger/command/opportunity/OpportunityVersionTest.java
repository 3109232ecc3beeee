package org.pipelineledger.command.opportunity;

import static org.pipelineledger.command.opportunity.Deals.DISCOVERY;
import static org.pipelineledger.command.opportunity.Deals.ID;
import static org.pipelineledger.command.opportunity.Deals.NOW;
import static org.pipelineledger.command.opportunity.Deals.PROSPECTING;
import static org.pipelineledger.command.opportunity.Deals.QUALIFIED;
import static org.pipelineledger.command.opportunity.Deals.REP;
import static org.pipelineledger.command.opportunity.Deals.created;
import static org.pipelineledger.command.opportunity.Deals.later;
import static org.pipelineledger.command.opportunity.Deals.problem;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.problem.ProblemKind;

class OpportunityVersionTest {

    private final AggregateTestFixture<Opportunity> fixture = Deals.fixture();

    @Test
    void aChangeAnswersWithTheSequenceNumberOfTheEventItApplied() {
        fixture.given(created(), new StageAdvanced(ID, PROSPECTING, QUALIFIED, later(1)))
                .when(new MoveToStage(ID, DISCOVERY, null, null, null, REP, null))
                .expectEvents(new StageAdvanced(ID, QUALIFIED, DISCOVERY, NOW))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aChangeMadeAgainstTheCurrentVersionIsAccepted() {
        fixture.given(created(), new StageAdvanced(ID, PROSPECTING, QUALIFIED, later(1)))
                .when(new MoveToStage(ID, DISCOVERY, null, null, 1L, REP, null))
                .expectEvents(new StageAdvanced(ID, QUALIFIED, DISCOVERY, NOW))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aChangeMadeAgainstAnOlderVersionIsRefusedEvenWhenARuleWouldAlsoRefuseIt() {
        fixture.given(created(), new StageAdvanced(ID, PROSPECTING, QUALIFIED, later(1)))
                .when(new MoveToStage(ID, QUALIFIED, null, null, 0L, REP, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.CONFLICT, "STALE_VERSION"));
    }
}
