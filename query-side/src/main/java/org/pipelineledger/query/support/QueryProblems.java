package org.pipelineledger.query.support;

import org.pipelineledger.problem.LedgerException;

/** The refusals every read model shares, so their codes stay identical across endpoints. */
public final class QueryProblems {

    private QueryProblems() {
    }

    public static LedgerException opportunityNotFound(String opportunityId) {
        return LedgerException.notFound("OPPORTUNITY_NOT_FOUND", "no opportunity with id '" + opportunityId + "'");
    }
}
