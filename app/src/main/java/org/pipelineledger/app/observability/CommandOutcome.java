package org.pipelineledger.app.observability;

import java.util.Locale;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.pipelineledger.problem.LedgerException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;

/**
 * How a command ended, in the terms the API answers it with: {@code ok} (2xx), {@code not_found} (404),
 * {@code conflict} (409: the deal's state, a stale version, a race lost to another write), {@code rejected} (every
 * other 4xx: validation, a business rule, ownership) and {@code error} (a failure of the ledger itself, 500).
 */
enum CommandOutcome {
    OK, REJECTED, CONFLICT, NOT_FOUND, ERROR;

    /** The tag value: lower case, as Prometheus labels usually are. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The outcome of a command that failed with this exception. A refusal's code decides, as it decides the HTTP
     * status; the exceptions Axon's repository raises are the ones {@code OpportunityCommandSender} translates (an
     * unknown deal, a taken id, a stale version); a unique key or a lock lost to a concurrent transaction (an
     * idempotency key taken meanwhile) is a conflict; anything else is the ledger's own failure.
     */
    static CommandOutcome of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LedgerException refusal) {
                return ofStatus(refusal.problemCode().status());
            }
            if (cause instanceof AggregateNotFoundException) {
                return NOT_FOUND;
            }
            if (cause instanceof AggregateStreamCreationException || cause instanceof ConcurrencyException
                    || cause instanceof ConflictingModificationException || cause instanceof DuplicateKeyException
                    || cause instanceof ConcurrencyFailureException) {
                return CONFLICT;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return ERROR;
    }

    static CommandOutcome ofStatus(int status) {
        if (status < 400) {
            return OK;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 409) {
            return CONFLICT;
        }
        return status < 500 ? REJECTED : ERROR;
    }
}
