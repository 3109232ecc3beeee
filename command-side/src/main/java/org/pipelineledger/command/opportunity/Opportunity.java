package org.pipelineledger.command.opportunity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.Limits;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.NextStepSet;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OutlookChanged;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.pipeline.EntryCriteria;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.problem.ProblemCode;

/**
 * One deal, rebuilt from its events. Each handler checks, in this order: who (owner or manager), when (the
 * business time, backdated only by an admin and never before the previous event), the deal's state (closed deals
 * only reopen), the command's own fields (400), then the rule (409/422). Only then does it apply an event; fields
 * change in the event sourcing handlers alone. Every handler answers with the deal's new version: the sequence number
 * of the event it applied, so 0 for creation.
 * <p>
 * Every value that goes into an event is kept within {@link Limits} here, whichever way the command came (the API,
 * which checks the same bounds first, the demo seeder, an import), so that nothing stored can fail a read model. A
 * value out of bounds is refused as {@code VALIDATION_FAILED} naming its field, as the API's validation refuses it.
 * <p>
 * Entry criteria guard the way into a stage: creation, forward moves and reopening. A backward move never checks
 * them, because refusing to record that a deal slid back would make the ledger lie.
 */
@Aggregate(cache = OpportunityCacheConfiguration.CACHE, commandTargetResolver = OpportunityTargetResolver.BEAN)
class Opportunity {

    @AggregateIdentifier
    private OpportunityId id;
    private String owner;
    private String pipeline;
    private StageKey stage;
    private Money amount;
    private LocalDate closeDate;
    private Outlook outlook;
    private boolean hasNextStep;
    private DealStatus status;
    private Instant lastOccurredAt;

    Opportunity() {
        // Axon rebuilds the state from the events
    }

    /**
     * A creation policy rather than a constructor: Axon logs every exception thrown by an aggregate constructor as a
     * warning with a stack trace, and a refused creation is an ordinary 4xx, not something to warn about.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long create(CreateOpportunity command, Clock clock, PipelineCatalog catalog) {
        if (command.opportunityId() == null) {
            throw OpportunityProblems.missing("id");
        }
        Actor actor = command.actor();
        String owner = isBlank(command.owner()) ? actor.name() : command.owner().strip();
        if (!actor.mayChangeDealOwnedBy(owner)) {
            throw OpportunityProblems.mayNotCreateForOthers(actor.name(), owner);
        }
        Instant at = occurredAt(actor, command.occurredAt(), clock, null);
        within("owner", Limits.singleLine(command.owner(), Limits.MAX_NAME_LENGTH));
        requireText(command.name(), "name");
        within("name", Limits.singleLine(command.name(), Limits.MAX_NAME_LENGTH));
        requireText(command.account(), "account");
        within("account", Limits.singleLine(command.account(), Limits.MAX_NAME_LENGTH));
        within("pipeline", Limits.singleLine(command.pipeline(), Limits.MAX_KEY_LENGTH));
        PipelineDefinition definition = catalog.require(
                isBlank(command.pipeline()) ? PipelineCatalog.DEFAULT_PIPELINE : command.pipeline().strip());
        StageDefinition start = command.stage() == null ? definition.firstStage() : stageOf(definition, command.stage());
        if (command.amount() == null) {
            throw OpportunityProblems.missing("amount");
        }
        within("amount", Limits.amount(command.amount(), definition.currency()));
        if (command.closeDate() == null) {
            throw OpportunityProblems.missing("closeDate");
        }
        within("closeDate", Limits.date(command.closeDate()));
        Money amount = recorded(command.amount(), definition.currency());
        if (amount.isNegative()) {
            throw OpportunityProblems.negativeAmount();
        }
        requireEntryCriteria(start, amount, false);
        DealProfile profile = profile(command.profile());
        apply(new OpportunityCreated(command.opportunityId(), command.name().strip(), command.account().strip(), owner,
                definition.key(), start.key(), amount, command.closeDate(),
                command.outlook() == null ? Outlook.NEUTRAL : command.outlook(), at, profile));
        return getVersion();
    }

    /**
     * Axon would only notice a stale {@code expectedVersion} after the handler ran, so a rule refusal would hide the
     * conflict. Checking first means a client acting on an old view always learns that its view is old.
     */
    @CommandHandlerInterceptor
    void refuseStaleVersionBeforeAnyRule(CommandMessage<?> command, ConflictResolver conflicts) {
        conflicts.detectConflicts(unseenEvents -> !unseenEvents.isEmpty(),
                conflict -> OpportunityProblems.staleVersion(
                        conflict.aggregateIdentifier(), conflict.expectedVersion(), conflict.actualVersion()));
    }

    @CommandHandler
    long move(MoveToStage command, Clock clock, PipelineCatalog catalog) {
        Instant at = changeOfOpenDeal(command, clock);
        if (command.stage() == null) {
            throw OpportunityProblems.blank("stage");
        }
        PipelineDefinition definition = catalog.require(pipeline);
        StageDefinition target = stageOf(definition, command.stage());
        within("note", Limits.multiLine(command.note(), Limits.MAX_TEXT_LENGTH));
        if (target.key().equals(stage)) {
            throw OpportunityProblems.alreadyInStage(stage);
        }
        if (definition.isBefore(stage, target.key())) {
            requireEntryCriteria(target, amount, hasNextStep);
            apply(new StageAdvanced(id, stage, target.key(), at));
        } else {
            if (command.reason() == null) {
                throw OpportunityProblems.reversionReasonRequired(stage, target.key());
            }
            if (isBlank(command.note())) {
                throw OpportunityProblems.reversionNoteRequired(stage, target.key());
            }
            apply(new StageReverted(id, stage, target.key(), command.reason(), command.note(), at));
        }
        return getVersion();
    }

    @CommandHandler
    long changeCloseDate(ChangeCloseDate command, Clock clock) {
        Instant at = changeOfOpenDeal(command, clock);
        LocalDate to = command.closeDate();
        if (to == null) {
            throw OpportunityProblems.missing("closeDate");
        }
        within("closeDate", Limits.date(to));
        within("reason", Limits.multiLine(command.reason(), Limits.MAX_TEXT_LENGTH));
        if (to.equals(closeDate)) {
            throw OpportunityProblems.unchanged(ProblemCode.CLOSE_DATE_UNCHANGED, "close date", closeDate);
        }
        if (to.isAfter(closeDate)) {
            apply(new CloseDateSlipped(id, closeDate, to, ChronoUnit.DAYS.between(closeDate, to), command.reason(), at));
        } else {
            apply(new CloseDatePulledIn(id, closeDate, to, ChronoUnit.DAYS.between(to, closeDate), command.reason(), at));
        }
        return getVersion();
    }

    @CommandHandler
    long changeOutlook(ChangeOutlook command, Clock clock) {
        Instant at = changeOfOpenDeal(command, clock);
        if (command.outlook() == null) {
            throw OpportunityProblems.missing("outlook");
        }
        within("note", Limits.multiLine(command.note(), Limits.MAX_TEXT_LENGTH));
        if (command.outlook() == outlook) {
            throw OpportunityProblems.unchanged(ProblemCode.OUTLOOK_UNCHANGED, "outlook", outlook);
        }
        apply(new OutlookChanged(id, outlook, command.outlook(), command.note(), at));
        return getVersion();
    }

    @CommandHandler
    long changeAmount(ChangeAmount command, Clock clock) {
        Instant at = changeOfOpenDeal(command, clock);
        if (command.amount() == null) {
            throw OpportunityProblems.missing("amount");
        }
        within("amount", Limits.amount(command.amount(), amount.currency()));
        within("reason", Limits.multiLine(command.reason(), Limits.MAX_TEXT_LENGTH));
        Money to = recorded(command.amount(), amount.currency());
        if (to.isNegative()) {
            throw OpportunityProblems.negativeAmount();
        }
        if (to.sameAmountAs(amount)) {
            throw OpportunityProblems.unchanged(ProblemCode.AMOUNT_UNCHANGED, "amount", amount.amount().toPlainString());
        }
        apply(new AmountChanged(id, amount, to, command.reason(), at));
        return getVersion();
    }

    @CommandHandler
    long setNextStep(SetNextStep command, Clock clock) {
        Instant at = changeOfOpenDeal(command, clock);
        requireText(command.description(), "description");
        within("description", Limits.multiLine(command.description(), Limits.MAX_TEXT_LENGTH));
        if (command.dueDate() == null) {
            throw OpportunityProblems.missing("dueDate");
        }
        within("dueDate", Limits.date(command.dueDate()));
        apply(new NextStepSet(id, command.description().strip(), command.dueDate(), at));
        return getVersion();
    }

    @CommandHandler
    long addNote(AddNote command, Clock clock) {
        Instant at = changeOfOpenDeal(command, clock);
        requireText(command.text(), "text");
        within("text", Limits.multiLine(command.text(), Limits.MAX_TEXT_LENGTH));
        apply(new NoteAdded(id, command.text(), at));
        return getVersion();
    }

    @CommandHandler
    long reassign(ReassignOwner command, Clock clock) {
        if (!command.actor().mayChangeAnyDeal()) {
            throw OpportunityProblems.reassignNotAllowed(command.actor().name());
        }
        Instant at = changeOfOpenDeal(command, clock);
        requireText(command.owner(), "owner");
        within("owner", Limits.singleLine(command.owner(), Limits.MAX_NAME_LENGTH));
        String to = command.owner().strip();
        if (to.equals(owner)) {
            throw OpportunityProblems.unchanged(ProblemCode.OWNER_UNCHANGED, "owner", owner);
        }
        apply(new OwnerReassigned(id, owner, to, at));
        return getVersion();
    }

    @CommandHandler
    long win(MarkWon command, Clock clock) {
        Instant at = changeOfOpenDeal(command, clock);
        within("note", Limits.multiLine(command.note(), Limits.MAX_TEXT_LENGTH));
        apply(new OpportunityWon(id, stage, amount, command.note(), at));
        return getVersion();
    }

    @CommandHandler
    long lose(MarkLost command, Clock clock) {
        Instant at = changeOfOpenDeal(command, clock);
        within("reason", Limits.multiLine(command.reason(), Limits.MAX_TEXT_LENGTH));
        within("note", Limits.multiLine(command.note(), Limits.MAX_TEXT_LENGTH));
        if (isBlank(command.reason())) {
            throw OpportunityProblems.lossReasonRequired();
        }
        apply(new OpportunityLost(id, stage, amount, command.reason().strip(), command.note(), at));
        return getVersion();
    }

    @CommandHandler
    long reopen(Reopen command, Clock clock, PipelineCatalog catalog) {
        Instant at = authorizedChange(command, clock);
        if (!status.isClosed()) {
            throw OpportunityProblems.stillOpen(id);
        }
        if (command.stage() == null) {
            throw OpportunityProblems.blank("stage");
        }
        StageDefinition target = stageOf(catalog.require(pipeline), command.stage());
        within("note", Limits.multiLine(command.note(), Limits.MAX_TEXT_LENGTH));
        if (isBlank(command.note())) {
            throw OpportunityProblems.reopenNoteRequired();
        }
        requireEntryCriteria(target, amount, hasNextStep);
        apply(new OpportunityReopened(id, status, target.key(), command.note(), at));
        return getVersion();
    }

    private Instant changeOfOpenDeal(OpportunityCommand command, Clock clock) {
        Instant at = authorizedChange(command, clock);
        if (status.isClosed()) {
            throw OpportunityProblems.closed(id, status);
        }
        return at;
    }

    private Instant authorizedChange(OpportunityCommand command, Clock clock) {
        if (!command.actor().mayChangeDealOwnedBy(owner)) {
            throw OpportunityProblems.notDealOwner(command.actor().name(), owner);
        }
        return occurredAt(command.actor(), command.occurredAt(), clock, lastOccurredAt);
    }

    private static Instant occurredAt(Actor actor, Instant requested, Clock clock, Instant previous) {
        if (requested == null) {
            return clock.instant();
        }
        if (!actor.mayBackdate()) {
            throw OpportunityProblems.backdatingNotAllowed(actor.name());
        }
        within("occurredAt", Limits.occurredAt(requested));
        Instant now = clock.instant();
        if (requested.isAfter(now)) {
            throw OpportunityProblems.occurredAtInFuture(requested, now);
        }
        if (previous != null && requested.isBefore(previous)) {
            throw OpportunityProblems.occurredAtBeforePreviousEvent(requested, previous);
        }
        return requested;
    }

    /** Each field single-line and within the name length, stripped; blank is absent; employees not negative. */
    private static DealProfile profile(DealProfile requested) {
        if (requested == null) {
            return DealProfile.NONE;
        }
        String[] fields = {"product", "team", "region", "accountSector"};
        String[] values = {requested.product(), requested.team(), requested.region(), requested.accountSector()};
        for (int i = 0; i < fields.length; i++) {
            within("profile." + fields[i], Limits.singleLine(values[i], Limits.MAX_NAME_LENGTH));
            values[i] = isBlank(values[i]) ? null : values[i].strip();
        }
        if (requested.accountEmployees() != null && requested.accountEmployees() < 0) {
            throw OpportunityProblems.invalidField("profile.accountEmployees", "must not be negative");
        }
        return new DealProfile(values[0], values[1], values[2], values[3], requested.accountEmployees());
    }

    private static StageDefinition stageOf(PipelineDefinition definition, StageKey key) {
        return definition.stage(key).orElseThrow(() -> OpportunityProblems.unknownStage(key, definition.key()));
    }

    private static void requireEntryCriteria(StageDefinition stage, Money amount, boolean hasNextStep) {
        EntryCriteria criteria = stage.entryCriteria();
        List<String> missing = new ArrayList<>();
        if (criteria.amountAboveZero() && !amount.isPositive()) {
            missing.add("an amount above zero");
        }
        if (criteria.nextStep() && !hasNextStep) {
            missing.add("a next step");
        }
        if (!missing.isEmpty()) {
            throw OpportunityProblems.entryCriteriaNotMet(stage.key(), missing);
        }
    }

    private static void requireText(String value, String field) {
        if (isBlank(value)) {
            throw OpportunityProblems.blank(field);
        }
    }

    /** Refuses the field's value if {@link Limits} found it out of bounds. */
    private static void within(String field, Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw OpportunityProblems.invalidField(field, refusal.get());
        }
    }

    private static Money recorded(BigDecimal amount, String currency) {
        return Money.of(Limits.recorded(amount, currency), currency);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @EventSourcingHandler
    void on(OpportunityCreated event) {
        id = event.opportunityId();
        owner = event.owner();
        pipeline = event.pipeline();
        stage = event.stage();
        amount = event.amount();
        closeDate = event.closeDate();
        outlook = event.outlook();
        hasNextStep = false;
        status = DealStatus.OPEN;
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(StageAdvanced event) {
        stage = event.to();
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(StageReverted event) {
        stage = event.to();
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(CloseDateSlipped event) {
        closeDate = event.to();
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(CloseDatePulledIn event) {
        closeDate = event.to();
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(OutlookChanged event) {
        outlook = event.to();
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(AmountChanged event) {
        amount = event.to();
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(NextStepSet event) {
        hasNextStep = true;
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(NoteAdded event) {
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(OwnerReassigned event) {
        owner = event.to();
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(OpportunityWon event) {
        status = DealStatus.WON;
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(OpportunityLost event) {
        status = DealStatus.LOST;
        lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(OpportunityReopened event) {
        status = DealStatus.OPEN;
        stage = event.stage();
        lastOccurredAt = event.occurredAt();
    }
}
