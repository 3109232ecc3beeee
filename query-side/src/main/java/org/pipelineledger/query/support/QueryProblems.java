package org.pipelineledger.query.support;

import org.pipelineledger.problem.LedgerException;

/** The refusals every read model shares: the same code and message as the command side's. */
public final class QueryProblems {

    private QueryProblems() {
    }

    public static LedgerException opportunityNotFound(String opportunityId) {
        return LedgerException.opportunityNotFound(opportunityId);
    }
}
