package org.pipelineledger.query.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.problem.LedgerException;

/** What the controllers share: waiting for a query's answer, and reading a deal id from the path. */
final class QueryResults {

    private QueryResults() {
    }

    /**
     * The query's answer. The query gateway completes the future exceptionally with whatever the handler threw, and
     * {@code join} wraps that in a {@link CompletionException}; the {@link LedgerException} is unwrapped here so the
     * web layer turns it into its problem detail (404, 400) instead of a 500.
     */
    static <R> R await(CompletableFuture<R> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof LedgerException ledgerException) {
                    throw ledgerException;
                }
            }
            if (e.getCause() instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw e;
        }
    }

    /** A path id that is not even a valid opportunity id cannot name an existing deal. */
    static OpportunityId opportunityId(String id) {
        try {
            return OpportunityId.of(id);
        } catch (IllegalArgumentException e) {
            throw LedgerException.opportunityNotFound(id);
        }
    }
}
