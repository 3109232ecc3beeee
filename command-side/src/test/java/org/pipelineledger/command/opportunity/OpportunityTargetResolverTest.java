package org.pipelineledger.command.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pipelineledger.events.OpportunityId;

/**
 * The typed resolver must name the same deal and version as Axon's annotation resolver for every command the
 * aggregate handles: the command types come from the sealed interface, so a new one is covered without editing this
 * test.
 */
class OpportunityTargetResolverTest {

    private final CommandTargetResolver typed = new OpportunityTargetResolver();
    private final CommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();

    static Stream<Class<?>> commandTypes() {
        List<Class<?>> types = Arrays.asList(OpportunityCommand.class.getPermittedSubclasses());
        assertThat(types).hasSizeGreaterThanOrEqualTo(11);
        return types.stream();
    }

    @ParameterizedTest
    @MethodSource("commandTypes")
    void namesTheSameDealAndVersionAsTheAnnotations(Class<?> type) throws Exception {
        for (Long version : new Long[] {7L, 0L, null}) {
            CommandMessage<?> command = message(type, OpportunityId.of("deal-7"), version);

            VersionedAggregateIdentifier expected = annotations.resolveTarget(command);
            VersionedAggregateIdentifier actual = typed.resolveTarget(command);

            assertThat(actual.getIdentifierValue()).isEqualTo(expected.getIdentifierValue());
            assertThat(actual.getIdentifier()).isEqualTo("deal-7").isEqualTo(expected.getIdentifier());
            assertThat(actual.getVersion()).isEqualTo(expected.getVersion());
            assertThat(actual.getVersion()).isEqualTo(hasVersion(type) ? version : null);
        }
    }

    @ParameterizedTest
    @MethodSource("commandTypes")
    void aCommandWithoutAnIdFailsAsItDidWithTheAnnotations(Class<?> type) throws Exception {
        CommandMessage<?> command = message(type, null, 3L);

        Throwable expected = catchThrowable(() -> annotations.resolveTarget(command));
        assertThat(expected).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> typed.resolveTarget(command))
                .isInstanceOf(expected.getClass())
                .hasMessage(expected.getMessage());
    }

    private static boolean hasVersion(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getName().equals("expectedVersion"));
    }

    /** The record with the given id and version, every other component null. */
    private static CommandMessage<?> message(Class<?> type, OpportunityId id, Long version) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            switch (components[i].getName()) {
                case "opportunityId" -> arguments[i] = id;
                case "expectedVersion" -> arguments[i] = version;
                default -> arguments[i] = null;
            }
        }
        Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
        return GenericCommandMessage.asCommandMessage(canonical.newInstance(arguments));
    }
}
