package org.pipelineledger.command.opportunity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.EntryCriteria;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemKind;

/** The deal the aggregate tests talk about, the fixed clock they run on, and the commands they send. */
final class Deals {

    static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Instant CREATED_AT = NOW.minus(Duration.ofDays(20));
    static final OpportunityId ID = OpportunityId.of("deal-1");
    static final LocalDate CLOSE_DATE = LocalDate.of(2025, 6, 30);

    static final Actor REP = Actor.rep("rep");
    static final Actor OTHER_REP = Actor.rep("rep2");
    static final Actor MANAGER = Actor.manager("manager");
    static final Actor ADMIN = Actor.admin("admin");

    static final StageKey PROSPECTING = StageKey.of("PROSPECTING");
    static final StageKey QUALIFIED = StageKey.of("QUALIFIED");
    static final StageKey DISCOVERY = StageKey.of("DISCOVERY");
    static final StageKey PROPOSAL = StageKey.of("PROPOSAL");
    static final StageKey NEGOTIATION = StageKey.of("NEGOTIATION");

    /** A configured pipeline in euros whose gates include a next step, next to the default one. */
    static final PipelineCatalog CATALOG = new PipelineCatalog(List.of(
            PipelineDefinition.defaultPipeline(),
            new PipelineDefinition("enterprise", "Enterprise", "EUR", List.of(
                    new StageDefinition(StageKey.of("LEAD"), "Lead", EntryCriteria.NONE),
                    new StageDefinition(StageKey.of("SOLUTION"), "Solution", new EntryCriteria(false, true)),
                    new StageDefinition(StageKey.of("CONTRACT"), "Contract", new EntryCriteria(true, true))))));

    private Deals() {
    }

    static AggregateTestFixture<Opportunity> fixture() {
        AggregateTestFixture<Opportunity> fixture = new AggregateTestFixture<>(Opportunity.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(CATALOG);
        // the resolver the application uses (the fixture's default would read the commands' annotations)
        fixture.registerCommandTargetResolver(new OpportunityTargetResolver());
        return fixture;
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    /** The business time {@code hours} after the deal was created. */
    static Instant later(int hours) {
        return CREATED_AT.plus(Duration.ofHours(hours));
    }

    static OpportunityCreated created() {
        return createdIn(PROSPECTING);
    }

    static OpportunityCreated createdIn(StageKey stage) {
        return new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "default", stage, usd("50000"), CLOSE_DATE,
                Outlook.NEUTRAL, CREATED_AT);
    }

    static OpportunityCreated createdWithAmount(StageKey stage, String amount) {
        return new OpportunityCreated(ID, "Acme renewal", "Acme", "rep", "default", stage, usd(amount), CLOSE_DATE,
                Outlook.NEUTRAL, CREATED_AT);
    }

    static CreateOpportunity create(Actor actor) {
        return new CreateOpportunity(ID, "Acme renewal", "Acme", null, null, null, new BigDecimal("50000"), CLOSE_DATE,
                null, actor, null);
    }

    static MoveToStage moveTo(StageKey stage) {
        return new MoveToStage(ID, stage, null, null, null, REP, null);
    }

    static MoveToStage moveTo(StageKey stage, Actor actor, Instant occurredAt) {
        return new MoveToStage(ID, stage, null, null, null, actor, occurredAt);
    }

    static AddNote note(Actor actor, Instant occurredAt) {
        return new AddNote(ID, "called the buyer", null, actor, occurredAt);
    }

    /** The refusal with this code and kind, so a test cannot pass on the wrong refusal. */
    static Matcher<LedgerException> problem(ProblemKind kind, String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerException exception) {
                return exception.kind() == kind && exception.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("LedgerException " + kind + " " + code);
            }

            @Override
            protected void describeMismatchSafely(LedgerException exception, Description mismatch) {
                mismatch.appendText("was " + exception.kind() + " " + exception.code() + ": " + exception.getMessage());
            }
        };
    }

    /** The refusal of one field's value: 400 {@code VALIDATION_FAILED} naming that field, as the API's validation. */
    static Matcher<LedgerException> invalidField(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerException exception) {
                return exception.kind() == ProblemKind.BAD_REQUEST && exception.code().equals("VALIDATION_FAILED")
                        && exception.field().equals(Optional.of(field));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("LedgerException BAD_REQUEST VALIDATION_FAILED of field " + field);
            }

            @Override
            protected void describeMismatchSafely(LedgerException exception, Description mismatch) {
                mismatch.appendText("was " + exception.kind() + " " + exception.code() + " of field "
                        + exception.field().orElse("(none)") + ": " + exception.getMessage());
            }
        };
    }
}
