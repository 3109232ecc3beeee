package org.pipelineledger.command.opportunity;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
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

    public OpportunityCommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /**
     * Sends the command and waits for the decision.
     *
     * @return the deal's version after the change: the sequence number of the event it appended, so 0 after
     *         creation
     * @throws LedgerException for every refusal; nothing was appended
     */
    public long send(OpportunityCommand command, String requestId, String correlationId) {
        MetaData metaData = MetaData.with(ACTOR, command.actor().name())
                .and(REQUEST_ID, requestId)
                .and(CORRELATION_ID, correlationId);
        try {
            Long version = commandGateway.sendAndWait(command, metaData);
            return version;
        } catch (AggregateNotFoundException e) {
            throw OpportunityProblems.notFound(command.opportunityId());
        } catch (AggregateStreamCreationException e) {
            throw OpportunityProblems.exists(command.opportunityId());
        } catch (ConflictingModificationException | ConcurrencyException e) {
            throw OpportunityProblems.staleVersion(command.opportunityId(), e.getMessage());
        }
    }
}
