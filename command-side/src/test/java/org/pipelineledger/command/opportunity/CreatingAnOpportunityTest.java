package org.pipelineledger.command.opportunity;

import static org.hamcrest.Matchers.containsString;
import static org.pipelineledger.command.opportunity.Deals.ADMIN;
import static org.pipelineledger.command.opportunity.Deals.CLOSE_DATE;
import static org.pipelineledger.command.opportunity.Deals.CREATED_AT;
import static org.pipelineledger.command.opportunity.Deals.ID;
import static org.pipelineledger.command.opportunity.Deals.MANAGER;
import static org.pipelineledger.command.opportunity.Deals.NEGOTIATION;
import static org.pipelineledger.command.opportunity.Deals.NOW;
import static org.pipelineledger.command.opportunity.Deals.PROPOSAL;
import static org.pipelineledger.command.opportunity.Deals.PROSPECTING;
import static org.pipelineledger.command.opportunity.Deals.REP;
import static org.pipelineledger.command.opportunity.Deals.create;
import static org.pipelineledger.command.opportunity.Deals.invalidField;
import static org.pipelineledger.command.opportunity.Deals.problem;
import static org.pipelineledger.command.opportunity.Deals.usd;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.problem.ProblemKind;

class CreatingAnOpportunityTest {

    private final AggregateTestFixture<Opportunity> fixture = Deals.fixture();

    private static CreateOpportunity createWith(String name, String account, String owner, String pipeline, StageKey stage,
                                            String amount, LocalDate closeDate, Actor actor) {
        return new CreateOpportunity(ID, name, account, owner, pipeline, stage,
                amount == null ? null : new BigDecimal(amount), closeDate, null, actor, null);
    }

    @Test
    void aNewDealStartsInTheFirstStageOfTheDefaultPipelineOwnedByTheCallerWithANeutralOutlook() {
        fixture.givenNoPriorActivity()
                .when(create(REP))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "default", PROSPECTING,
                        usd("50000"), CLOSE_DATE, Outlook.NEUTRAL, NOW))
                .expectResultMessagePayload(0L);
    }

    @Test
    void aDealMayStartInALaterStageWhoseEntryCriteriaItMeets() {
        fixture.givenNoPriorActivity()
                .when(createWith("Acme renewal", "Acme", null, "default", NEGOTIATION, "50000", CLOSE_DATE, REP))
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "default", NEGOTIATION,
                        usd("50000"), CLOSE_DATE, Outlook.NEUTRAL, NOW));
    }

    @Test
    void aDealCannotStartInAStageWhoseEntryCriteriaItMisses() {
        fixture.givenNoPriorActivity()
                .when(createWith("Acme renewal", "Acme", null, null, PROPOSAL, "0", CLOSE_DATE, REP))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "ENTRY_CRITERIA_NOT_MET"))
                .expectExceptionMessage(containsString("an amount above zero"));
    }

    @Test
    void aDealInAConfiguredPipelineStartsInItsFirstStageAndCurrency() {
        fixture.givenNoPriorActivity()
                .when(new CreateOpportunity(ID, "Globex rollout", "Globex", null, "enterprise", null,
                        new BigDecimal("120000"), CLOSE_DATE, Outlook.POSITIVE, REP, null))
                .expectEvents(new OpportunityCreated(ID, "Globex rollout", "Globex", "rep", "enterprise",
                        StageKey.of("LEAD"), Money.of("120000", "EUR"), CLOSE_DATE, Outlook.POSITIVE, NOW));
    }

    @Test
    void aManagerMayOpenADealOnBehalfOfARep() {
        fixture.givenNoPriorActivity()
                .when(createWith("Acme renewal", "Acme", "rep", null, null, "50000", CLOSE_DATE, MANAGER))
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "default", PROSPECTING,
                        usd("50000"), CLOSE_DATE, Outlook.NEUTRAL, NOW));
    }

    @Test
    void aRepCannotOpenADealOwnedBySomeoneElse() {
        fixture.givenNoPriorActivity()
                .when(createWith("Acme renewal", "Acme", "rep2", null, null, "50000", CLOSE_DATE, REP))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN, "NOT_DEAL_OWNER"));
    }

    @Test
    void aDealNeedsAName() {
        fixture.givenNoPriorActivity()
                .when(createWith(" ", "Acme", null, null, null, "50000", CLOSE_DATE, REP))
                .expectNoEvents()
                .expectException(invalidField("name"));
    }

    @Test
    void aDealNeedsAnAccount() {
        fixture.givenNoPriorActivity()
                .when(createWith("Acme renewal", null, null, null, null, "50000", CLOSE_DATE, REP))
                .expectNoEvents()
                .expectException(invalidField("account"));
    }

    @Test
    void aDealNeedsAnAmount() {
        fixture.givenNoPriorActivity()
                .when(createWith("Acme renewal", "Acme", null, null, null, null, CLOSE_DATE, REP))
                .expectNoEvents()
                .expectException(invalidField("amount"));
    }

    @Test
    void aDealNeedsACloseDate() {
        fixture.givenNoPriorActivity()
                .when(createWith("Acme renewal", "Acme", null, null, null, "50000", null, REP))
                .expectNoEvents()
                .expectException(invalidField("closeDate"));
    }

    @Test
    void aDealCannotHaveANegativeAmount() {
        fixture.givenNoPriorActivity()
                .when(createWith("Acme renewal", "Acme", null, null, null, "-1", CLOSE_DATE, REP))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "NEGATIVE_AMOUNT"));
    }

    @Test
    void aDealCannotJoinAnUnknownPipeline() {
        fixture.givenNoPriorActivity()
                .when(createWith("Acme renewal", "Acme", null, "partners", null, "50000", CLOSE_DATE, REP))
                .expectNoEvents()
                .expectException(problem(ProblemKind.BAD_REQUEST, "UNKNOWN_PIPELINE"));
    }

    @Test
    void aDealCannotStartInAStageItsPipelineDoesNotHave() {
        fixture.givenNoPriorActivity()
                .when(createWith("Acme renewal", "Acme", null, "enterprise", PROPOSAL, "50000", CLOSE_DATE, REP))
                .expectNoEvents()
                .expectException(problem(ProblemKind.BAD_REQUEST, "UNKNOWN_STAGE"));
    }

    @Test
    void anAdminMayRecordWhenADealWasOpenedInThePast() {
        fixture.givenNoPriorActivity()
                .when(new CreateOpportunity(ID, "Acme renewal", "Acme", "rep", null, null, new BigDecimal("50000"),
                        CLOSE_DATE, null, ADMIN, CREATED_AT))
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "default", PROSPECTING,
                        usd("50000"), CLOSE_DATE, Outlook.NEUTRAL, CREATED_AT));
    }

    @Test
    void aRepCannotBackdateOpeningADeal() {
        fixture.givenNoPriorActivity()
                .when(new CreateOpportunity(ID, "Acme renewal", "Acme", null, null, null, new BigDecimal("50000"),
                        CLOSE_DATE, null, REP, CREATED_AT))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN, "BACKDATING_NOT_ALLOWED"));
    }

    @Test
    void nobodyCanOpenADealInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new CreateOpportunity(ID, "Acme renewal", "Acme", "rep", null, null, new BigDecimal("50000"),
                        CLOSE_DATE, null, ADMIN, NOW.plusSeconds(1)))
                .expectNoEvents()
                .expectException(problem(ProblemKind.RULE_VIOLATION, "OCCURRED_AT_IN_FUTURE"));
    }

    @Test
    void aProfileIsRecordedStrippedWithBlankFieldsAbsent() {
        fixture.givenNoPriorActivity()
                .when(new CreateOpportunity(ID, "Acme renewal", "Acme", null, null, null, new BigDecimal("50000"),
                        CLOSE_DATE, null, REP, null, new DealProfile(" GTX Pro ", "Dustin Brinkmann", " ", "retail", 2822)))
                .expectEvents(new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "default", PROSPECTING,
                        usd("50000"), CLOSE_DATE, Outlook.NEUTRAL, NOW,
                        new DealProfile("GTX Pro", "Dustin Brinkmann", null, "retail", 2822)));
    }

    @Test
    void aProfileFieldOutOfBoundsIsRefusedNamingIt() {
        fixture.givenNoPriorActivity()
                .when(new CreateOpportunity(ID, "Acme renewal", "Acme", null, null, null, new BigDecimal("50000"),
                        CLOSE_DATE, null, REP, null, new DealProfile("GTX\nPro", null, null, null, null)))
                .expectNoEvents()
                .expectException(invalidField("profile.product"));
        fixture.givenNoPriorActivity()
                .when(new CreateOpportunity(ID, "Acme renewal", "Acme", null, null, null, new BigDecimal("50000"),
                        CLOSE_DATE, null, REP, null, new DealProfile(null, null, null, null, -1)))
                .expectNoEvents()
                .expectException(invalidField("profile.accountEmployees"));
    }
}
