package org.pipelineledger.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.dao.DuplicateKeyException;

class CommandOutcomeTest {

    /** The codes a refusal may carry (the others are the container's and the web layer's, never a command's). */
    static Stream<ProblemCode> refusals() {
        return Arrays.stream(ProblemCode.values()).filter(code -> {
            try {
                new LedgerException(code, "refused");
                return true;
            } catch (IllegalArgumentException notARefusal) {
                return false;
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusalsOutcomeFollowsTheStatusItsCodeIsAnsweredWith(ProblemCode code) {
        CommandOutcome outcome = CommandOutcome.of(new LedgerException(code, "refused"));

        CommandOutcome expected = switch (code.status()) {
            case 404 -> CommandOutcome.NOT_FOUND;
            case 409 -> CommandOutcome.CONFLICT;
            default -> code.status() >= 500 ? CommandOutcome.ERROR : CommandOutcome.REJECTED;
        };
        assertThat(outcome).isEqualTo(expected);
    }

    @Test
    void theRepositorysRefusalsAreAnsweredAsTheSenderTranslatesThem() {
        assertThat(CommandOutcome.of(new AggregateNotFoundException("deal-1", "no such deal")))
                .isEqualTo(CommandOutcome.NOT_FOUND);
        assertThat(CommandOutcome.of(new AggregateStreamCreationException("taken")))
                .isEqualTo(CommandOutcome.CONFLICT);
        assertThat(CommandOutcome.of(new ConflictingAggregateVersionException("deal-1", 3, 2)))
                .isEqualTo(CommandOutcome.CONFLICT);
    }

    @Test
    void aRaceLostToAnotherTransactionIsAConflictEvenWrapped() {
        assertThat(CommandOutcome.of(new IllegalStateException("key taken", new DuplicateKeyException("23505"))))
                .isEqualTo(CommandOutcome.CONFLICT);
    }

    @Test
    void anythingElseIsTheLedgersOwnError() {
        assertThat(CommandOutcome.of(new IllegalArgumentException("no code"))).isEqualTo(CommandOutcome.ERROR);
        assertThat(CommandOutcome.of(new OutOfMemoryError())).isEqualTo(CommandOutcome.ERROR);
    }

    @Test
    void theTagIsTheLowerCaseName() {
        assertThat(CommandOutcome.NOT_FOUND.tag()).isEqualTo("not_found");
    }
}
