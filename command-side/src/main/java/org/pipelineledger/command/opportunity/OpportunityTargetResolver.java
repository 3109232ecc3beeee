package org.pipelineledger.command.opportunity;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Tells Axon which deal, and which version of it, a command is meant for, by asking the command
 * ({@link OpportunityCommand#opportunityId()}, {@link OpportunityCommand#expectedVersion()}) instead of searching its
 * class for {@code @TargetAggregateIdentifier} by reflection on every command, as Axon's
 * {@link AnnotationCommandTargetResolver} does (docs/benchmarks.md, tuning log).
 * <p>
 * The answers are the annotation resolver's ({@code OpportunityTargetResolverTest}); the annotations stay, for that
 * resolver, which still answers for a command without an id (so such a command is refused exactly as before).
 */
@Component(OpportunityTargetResolver.BEAN)
class OpportunityTargetResolver implements CommandTargetResolver {

    /** The bean name {@link Opportunity}'s {@code @Aggregate(commandTargetResolver = ...)} refers to. */
    static final String BEAN = "opportunityTargetResolver";

    private final CommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof OpportunityCommand opportunityCommand
                && opportunityCommand.opportunityId() != null) {
            return new VersionedAggregateIdentifier(
                    opportunityCommand.opportunityId(), opportunityCommand.expectedVersion());
        }
        return annotations.resolveTarget(command);
    }
}
