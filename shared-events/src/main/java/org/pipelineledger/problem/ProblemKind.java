package org.pipelineledger.problem;

import java.util.Arrays;
import java.util.Optional;

/** The statuses a refusal of the ledger's own rules can have; {@link ProblemCode} gives each code one of them. */
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

    /** The kind with this status; empty for a status only the web layer answers (401, 405, 5xx, ...). */
    public static Optional<ProblemKind> of(int status) {
        return Arrays.stream(values()).filter(kind -> kind.status == status).findFirst();
    }
}
