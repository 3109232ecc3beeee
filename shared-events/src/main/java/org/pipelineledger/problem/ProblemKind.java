package org.pipelineledger.problem;

/** How a refused request maps onto HTTP: each kind has one status. */
public enum ProblemKind {
    /** 400: the request itself is malformed or names something that does not exist (a stage, a pipeline). */
    BAD_REQUEST(400),
    /** 403: the caller may not do this (someone else's deal, a backdated time without ADMIN). */
    FORBIDDEN(403),
    /** 404: the deal does not exist. */
    NOT_FOUND(404),
    /** 409: the request conflicts with the deal's state (closed, same stage, stale version, id taken). */
    CONFLICT(409),
    /** 422: a business rule refuses it (backward move without a reason, unmet entry criteria). */
    RULE_VIOLATION(422);

    private final int status;

    ProblemKind(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
