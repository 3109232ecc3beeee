package org.pipelineledger.command.opportunity;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells Axon which deal, and which version of it, a command is meant for, by asking the command
 * ({@link OpportunityCommand#opportunityId()}, {@link OpportunityCommand#expectedVersion()}). Axon's default,
 * {@link AnnotationCommandTargetResolver}, finds the same two values by searching the command's class for
 * {@code @TargetAggregateIdentifier} and {@code @TargetAggregateVersion} members, by reflection, on every command:
 * 8 % of the client thread's samples in a flight recording of the command path (docs/benchmarks.md, tuning log).
 * <p>
 * The answer is the same for every command ({@code OpportunityTargetResolverTest} holds it to the annotation
 * resolver, command type by command type), and the annotations stay for that resolver, which still answers for a
 * command without an id (so such a command is refused exactly as before) and, with
 * {@code ledger.commands.typed-target-resolver=false}, for every command (the benchmarks' quick-start variant).
 */
@Component(OpportunityTargetResolver.BEAN)
class OpportunityTargetResolver implements CommandTargetResolver {

    /** The bean name {@link Opportunity}'s {@code @Aggregate(commandTargetResolver = ...)} refers to. */
    static final String BEAN = "opportunityTargetResolver";

    private final CommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();
    private final boolean typed;

    OpportunityTargetResolver(@Value("${ledger.commands.typed-target-resolver:true}") boolean typed) {
        this.typed = typed;
    }

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (typed && command.getPayload() instanceof OpportunityCommand opportunityCommand
                && opportunityCommand.opportunityId() != null) {
            return new VersionedAggregateIdentifier(
                    opportunityCommand.opportunityId(), opportunityCommand.expectedVersion());
        }
        return annotations.resolveTarget(command);
    }
}
