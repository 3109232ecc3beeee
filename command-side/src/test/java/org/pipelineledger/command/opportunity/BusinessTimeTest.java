package org.pipelineledger.command.opportunity;

import static org.pipelineledger.command.opportunity.Deals.ADMIN;
import static org.pipelineledger.command.opportunity.Deals.ID;
import static org.pipelineledger.command.opportunity.Deals.MANAGER;
import static org.pipelineledger.command.opportunity.Deals.NOW;
import static org.pipelineledger.command.opportunity.Deals.PROSPECTING;
import static org.pipelineledger.command.opportunity.Deals.QUALIFIED;
import static org.pipelineledger.command.opportunity.Deals.REP;
import static org.pipelineledger.command.opportunity.Deals.created;
import static org.pipelineledger.command.opportunity.Deals.later;
import static org.pipelineledger.command.opportunity.Deals.moveTo;
import static org.pipelineledger.command.opportunity.Deals.note;
import static org.pipelineledger.command.opportunity.Deals.problem;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.problem.ProblemKind;

/** occurredAt: stamped by the clock, or supplied by an admin, never in the future and never before the previous event. */
class BusinessTimeTest {

    private final AggregateTestFixture<Opportunity> fixture = Deals.fixture();

    @Test
    void withoutATimeTheClockStampsTheChange() {
        fixture.given(created())
                .when(note(REP, null))
                .expectEvents(new NoteAdded(ID, "called the buyer", NOW));
    }

    @Test
    void anAdminMayRecordAChangeAtAPastTime() {
        fixture.given(created())
                .when(note(ADMIN, later(5)))
                .expectEvents(new NoteAdded(ID, "called the buyer", later(5)));
    }

    @Test
    void anAdminMayRecordAChangeAtTheSameTimeAsThePreviousOne() {
        fixture.given(created(), new StageAdvanced(ID, PROSPECTING, QUALIFIED, later(5)))
                .when(note(ADMIN, later(5)))
                .expectEvents(new NoteAdded(ID, "called the buyer", later(5)));
    }

    @Test
    void aRepCannotBackdateAChange() {
        fixture.given(created())
                .when(note(REP, later(5)))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN, "BACKDATING_NOT_ALLOWED"));
    }

    @Test
    void aManagerCannotBackdateAChange() {
        fixture.given(created())
                .when(note(MANAGER, later(5)))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN, "BACKDATING_NOT_ALLOWED"));
    }

    @Test
    void noChangeMayHappenInTheFuture() {
        fixture.given(created())
                .when(note(ADMIN, NOW.plusMillis(1)))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "OCCURRED_AT_IN_FUTURE"));
    }

    @Test
    void noChangeMayHappenBeforeTheDealWasOpened() {
        fixture.given(created())
                .when(note(ADMIN, Deals.CREATED_AT.minusSeconds(1)))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "OCCURRED_AT_BEFORE_PREVIOUS_EVENT"));
    }

    @Test
    void noChangeMayHappenBeforeTheDealsLatestEvent() {
        fixture.given(created(), new StageAdvanced(ID, PROSPECTING, QUALIFIED, later(10)))
                .when(moveTo(Deals.DISCOVERY, ADMIN, later(9)))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "OCCURRED_AT_BEFORE_PREVIOUS_EVENT"));
    }
}
