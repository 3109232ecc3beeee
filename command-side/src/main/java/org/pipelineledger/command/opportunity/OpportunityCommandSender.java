package org.pipelineledger.command.opportunity;

import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.pipelineledger.command.idempotency.IdempotencyKey;
import org.pipelineledger.command.idempotency.IdempotentCommands;
import org.pipelineledger.command.idempotency.RecordedAnswer;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.problem.LedgerException;
import org.springframework.stereotype.Component;

/**
 * The one way into the Opportunity aggregate, for the HTTP API and the demo seeder alike. It sends a command with
 * who asked and which request it belongs to, waits for the decision, and answers with the deal's new version.
 * <p>
 * Refusals always arrive as {@link LedgerException}: the aggregate's own come through unchanged (the local command
 * bus does not wrap them), and the ones Axon's repository raises are translated here: an unknown id is 404
 * {@code OPPORTUNITY_NOT_FOUND}, an expected version that is not the current one (or a write that lost a race) is
 * 409 {@code STALE_VERSION}, and creating an id that is taken is 409 {@code OPPORTUNITY_EXISTS}.
 * <p>
 * A command sent under an {@link IdempotencyKey} is sent at most once per user and key: a repetition of the same
 * request answers what the first one was answered and sends nothing (the rules are on {@link IdempotentCommands}).
 */
@Component
public class OpportunityCommandSender {

    /** Metadata key: the authenticated user who asked for the change. */
    public static final String ACTOR = "actor";
    /** Metadata key: the HTTP request (X-Request-Id) that carried the command. */
    public static final String REQUEST_ID = "requestId";
    /** Metadata key: the business correlation (X-Correlation-Id, else the request id). */
    public static final String CORRELATION_ID = "correlationId";

    private final CommandGateway commandGateway;
    private final IdempotentCommands idempotentCommands;

    public OpportunityCommandSender(CommandGateway commandGateway, IdempotentCommands idempotentCommands) {
        this.commandGateway = commandGateway;
        this.idempotentCommands = idempotentCommands;
    }

    /**
     * What an accepted command was answered.
     *
     * @param id      the deal: the command's own, or for a repeated creation without an id, the first one's
     * @param version the deal's version right after the command
     */
    public record Accepted(OpportunityId id, long version) {
    }

    /**
     * Sends the command and waits for the decision.
     *
     * @return the deal's version after the change: the sequence number of the event it appended, so 0 after
     *         creation
     * @throws LedgerException for every refusal; nothing was appended
     */
    public long send(OpportunityCommand command, String requestId, String correlationId) {
        return dispatch(command, metaData(command, requestId, correlationId));
    }

    /**
     * Sends the command under the actor's idempotency key, at most once: when the same request was accepted under
     * that key before, or is accepted concurrently, its answer is returned and nothing is sent or appended.
     *
     * @param key the client's key with the request's fingerprint; null sends the command as {@link #send(
     *            OpportunityCommand, String, String)} does
     * @throws LedgerException for every refusal, including 422 {@code IDEMPOTENCY_KEY_REUSED} and 409
     *                         {@code IDEMPOTENCY_KEY_IN_USE}; nothing was appended
     */
    public Accepted send(OpportunityCommand command, String requestId, String correlationId, IdempotencyKey key) {
        MetaData metaData = metaData(command, requestId, correlationId);
        if (key == null) {
            return new Accepted(command.opportunityId(), dispatch(command, metaData));
        }
        String principal = command.actor().name();
        Optional<RecordedAnswer> first = idempotentCommands.recorded(principal, key);
        if (first.isPresent()) {
            return replay(first.get());
        }
        MetaData keyed = idempotentCommands.recordingUnder(metaData, principal, key, command.opportunityId().value());
        try {
            return new Accepted(command.opportunityId(), dispatch(command, keyed));
        } catch (RuntimeException failure) {
            // a concurrent request with the same key may have been accepted meanwhile: then its answer is this one's
            return replay(idempotentCommands.afterFailure(principal, key, failure));
        }
    }

    private static Accepted replay(RecordedAnswer answer) {
        return new Accepted(OpportunityId.of(answer.opportunityId()), answer.version());
    }

    private static MetaData metaData(OpportunityCommand command, String requestId, String correlationId) {
        return MetaData.with(ACTOR, command.actor().name())
                .and(REQUEST_ID, requestId)
                .and(CORRELATION_ID, correlationId);
    }

    private long dispatch(OpportunityCommand command, MetaData metaData) {
        try {
            Long version = commandGateway.sendAndWait(command, metaData);
            return version;
        } catch (AggregateNotFoundException e) {
            throw OpportunityProblems.notFound(command.opportunityId());
        } catch (AggregateStreamCreationException e) {
            throw OpportunityProblems.exists(command.opportunityId());
        } catch (ConflictingModificationException | ConcurrencyException e) {
            throw OpportunityProblems.staleVersion(command.opportunityId());
        }
    }
}
