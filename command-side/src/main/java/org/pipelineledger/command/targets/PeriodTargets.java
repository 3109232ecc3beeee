package org.pipelineledger.command.targets;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.events.Limits;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.TargetSet;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * The targets of one pipeline for one period, rebuilt from its {@link TargetSet} events. Managers and admins set
 * them; the business time follows the deals' rules (backdated only by an admin, never in the future, never before
 * the stream's previous event). Setting the amount a target already has appends nothing and answers the stream's
 * current version, so a repeated {@code PUT} changes nothing.
 */
@Aggregate
class PeriodTargets {

    @AggregateIdentifier
    private String id;
    private final Map<String, Money> amounts = new HashMap<>();
    private Instant lastOccurredAt;

    PeriodTargets() {
        // Axon rebuilds the state from the events, or creates an empty stream for a period's first target
    }

    static String streamId(String pipeline, String period) {
        return "targets/" + pipeline + "/" + period;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long set(SetTarget command, Clock clock, PipelineCatalog catalog) {
        Actor actor = command.actor();
        if (!actor.mayChangeAnyDeal()) {
            throw new LedgerException(ProblemCode.ACCESS_DENIED, actor.name() + " may not set targets");
        }
        Instant at = occurredAt(actor, command.occurredAt(), clock.instant());
        PipelineDefinition pipeline = catalog.require(command.pipeline());
        TargetSet.Period period = TargetSet.Period.parse(command.period());
        if (command.kind() == null) {
            throw LedgerException.invalidField("owner", "one of owner and team is needed");
        }
        String field = command.kind() == TargetSet.Kind.OWNER ? "owner" : "team";
        if (command.name() == null || command.name().isBlank()) {
            throw LedgerException.invalidField(field, "must not be blank");
        }
        within(field, Limits.singleLine(command.name(), Limits.MAX_NAME_LENGTH));
        if (command.amount() == null) {
            throw LedgerException.invalidField("amount", "must not be null");
        }
        within("amount", Limits.amount(command.amount(), pipeline.currency()));
        Money amount = Money.of(Limits.recorded(command.amount(), pipeline.currency()), pipeline.currency());
        if (amount.isNegative()) {
            throw new LedgerException(ProblemCode.NEGATIVE_AMOUNT, "a target must not be negative");
        }
        String name = command.name().strip();
        Money previous = amounts.get(key(command.kind(), name));
        if (previous == null || !previous.sameAmountAs(amount)) {
            apply(new TargetSet(period.key(), pipeline.key(), command.kind(), name, amount, previous, at));
        }
        return getVersion();
    }

    private Instant occurredAt(Actor actor, Instant requested, Instant now) {
        if (requested == null) {
            return now;
        }
        if (!actor.mayBackdate()) {
            throw new LedgerException(ProblemCode.BACKDATING_NOT_ALLOWED,
                    actor.name() + " may not supply occurredAt; only admins may backdate");
        }
        within("occurredAt", Limits.occurredAt(requested));
        if (requested.isAfter(now)) {
            throw new LedgerException(ProblemCode.OCCURRED_AT_IN_FUTURE,
                    "occurredAt " + requested + " is after now (" + now + ")");
        }
        if (lastOccurredAt != null && requested.isBefore(lastOccurredAt)) {
            throw new LedgerException(ProblemCode.OCCURRED_AT_BEFORE_PREVIOUS_EVENT,
                    "occurredAt " + requested + " is before the period's previous target at " + lastOccurredAt);
        }
        return requested;
    }

    private static void within(String field, Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw LedgerException.invalidField(field, refusal.get());
        }
    }

    private static String key(TargetSet.Kind kind, String name) {
        return kind + ":" + name;
    }

    @EventSourcingHandler
    void on(TargetSet event) {
        id = streamId(event.pipeline(), event.period());
        amounts.put(key(event.kind(), event.name()), event.amount());
        lastOccurredAt = event.occurredAt();
    }
}
