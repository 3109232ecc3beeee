package org.pipelineledger.command.targets;

import static org.hamcrest.Matchers.is;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.TargetSet;
import org.pipelineledger.events.TargetSet.Kind;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.problem.LedgerException;

/** Setting targets: who may, what is recorded (with the amount it replaces), and what is refused. */
class PeriodTargetsTest {

    private static final Instant NOW = Instant.parse("2027-01-15T12:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(86_400);
    private static final Actor MANAGER = Actor.manager("manager");
    private static final Actor ADMIN = Actor.admin("admin");

    private final AggregateTestFixture<PeriodTargets> fixture = fixture();

    private static AggregateTestFixture<PeriodTargets> fixture() {
        AggregateTestFixture<PeriodTargets> fixture = new AggregateTestFixture<>(PeriodTargets.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new PipelineCatalog(List.of(PipelineDefinition.defaultPipeline(),
                new PipelineDefinition("yen", "Yen", "JPY",
                        List.of(new StageDefinition(StageKey.of("LEAD"), "Lead", null))))));
        return fixture;
    }

    @Test
    void theFirstTargetOfAnOwnerStartsThePeriodsStream() {
        fixture.givenNoPriorActivity()
                .when(set(MANAGER, Kind.OWNER, "rep", "100000", null))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(0L)
                .expectEvents(new TargetSet("2027-Q1", "default", Kind.OWNER, "rep", usd("100000"), null, NOW));
    }

    @Test
    void aNewAmountRecordsTheOneItReplaces() {
        fixture.given(targetSet(Kind.OWNER, "rep", "100000", null), targetSet(Kind.TEAM, "east", "500000", null))
                .when(set(MANAGER, Kind.OWNER, "rep", "120000.50", null))
                .expectResultMessagePayload(2L)
                .expectEvents(new TargetSet("2027-Q1", "default", Kind.OWNER, "rep", usd("120000.50"),
                        usd("100000"), NOW));
    }

    @Test
    void anOwnerAndATeamOfTheSameNameAreTwoTargets() {
        fixture.given(targetSet(Kind.OWNER, "east", "100000", null))
                .when(set(MANAGER, Kind.TEAM, "east", "100000", null))
                .expectEvents(new TargetSet("2027-Q1", "default", Kind.TEAM, "east", usd("100000"), null, NOW));
    }

    @Test
    void theSameAmountAgainAppendsNothingAndAnswersTheCurrentVersion() {
        fixture.given(targetSet(Kind.OWNER, "rep", "100000", null), targetSet(Kind.TEAM, "east", "5", null))
                .when(set(MANAGER, Kind.OWNER, "rep", "100000.00", null))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(1L)
                .expectNoEvents();
    }

    @Test
    void anAdminMayBackdateAManagerMayNot() {
        fixture.givenNoPriorActivity()
                .when(set(ADMIN, Kind.OWNER, "rep", "1", EARLIER))
                .expectEvents(new TargetSet("2027-Q1", "default", Kind.OWNER, "rep", usd("1"), null, EARLIER));
        fixture().givenNoPriorActivity()
                .when(set(MANAGER, Kind.OWNER, "rep", "1", EARLIER))
                .expectNoEvents()
                .expectException(problem("BACKDATING_NOT_ALLOWED"));
        fixture().given(new TargetSet("2027-Q1", "default", Kind.OWNER, "rep", usd("1"), null, NOW))
                .when(set(ADMIN, Kind.OWNER, "rep", "2", EARLIER))
                .expectNoEvents()
                .expectException(problem("OCCURRED_AT_BEFORE_PREVIOUS_EVENT"));
        fixture().givenNoPriorActivity()
                .when(set(ADMIN, Kind.OWNER, "rep", "2", NOW.plusSeconds(1)))
                .expectException(problem("OCCURRED_AT_IN_FUTURE"));
    }

    @Test
    void aRepMayNotSetTargets() {
        fixture.givenNoPriorActivity()
                .when(set(Actor.rep("rep"), Kind.OWNER, "rep", "1", null))
                .expectNoEvents()
                .expectException(problem("ACCESS_DENIED"));
    }

    @Test
    void theAmountIsInThePipelinesCurrencyAndNotNegative() {
        fixture.givenNoPriorActivity()
                .when(set(MANAGER, Kind.OWNER, "rep", "-1", null))
                .expectException(problem("NEGATIVE_AMOUNT"));
        fixture().givenNoPriorActivity()
                .when(new SetTarget("default", "2027-Q1", Kind.OWNER, "rep", new BigDecimal("1.001"), MANAGER, null))
                .expectException(problem("VALIDATION_FAILED"));
        fixture().givenNoPriorActivity()
                .when(new SetTarget("yen", "2027-Q1", Kind.TEAM, "east", new BigDecimal("1000"), MANAGER, null))
                .expectEvents(new TargetSet("2027-Q1", "yen", Kind.TEAM, "east", Money.of("1000", "JPY"), null, NOW));
    }

    @Test
    void aNameIsOneLineAndThePipelineAndPeriodExist() {
        fixture.givenNoPriorActivity()
                .when(set(MANAGER, Kind.TEAM, "east\nwest", "1", null))
                .expectException(problem("VALIDATION_FAILED"));
        fixture().givenNoPriorActivity()
                .when(set(MANAGER, Kind.TEAM, " ", "1", null))
                .expectException(problem("VALIDATION_FAILED"));
        fixture().givenNoPriorActivity()
                .when(new SetTarget("nope", "2027-Q1", Kind.OWNER, "rep", BigDecimal.ONE, MANAGER, null))
                .expectException(problem("UNKNOWN_PIPELINE"));
        fixture().givenNoPriorActivity()
                .when(new SetTarget("default", "2027-Q9", Kind.OWNER, "rep", BigDecimal.ONE, MANAGER, null))
                .expectException(problem("INVALID_PERIOD"));
    }

    private static SetTarget set(Actor actor, Kind kind, String name, String amount, Instant occurredAt) {
        return new SetTarget("default", "2027-Q1", kind, name, new BigDecimal(amount), actor, occurredAt);
    }

    private static TargetSet targetSet(Kind kind, String name, String amount, Money previous) {
        return new TargetSet("2027-Q1", "default", kind, name, usd(amount), previous, EARLIER.minusSeconds(60));
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static Matcher<LedgerException> problem(String code) {
        return new FeatureMatcher<>(is(code), "a problem with the code", "code") {
            @Override
            protected String featureValueOf(LedgerException refusal) {
                return refusal.code();
            }
        };
    }
}
