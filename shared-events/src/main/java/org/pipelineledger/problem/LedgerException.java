package org.pipelineledger.problem;

import java.util.Objects;

/**
 * A refusal with a stable, machine-readable {@code code} (for example {@code REVERSION_REASON_REQUIRED}) and a
 * {@link ProblemKind} that decides the HTTP status. Both sides throw it; the web layer turns it into an
 * RFC 9457 problem detail.
 */
public class LedgerException extends RuntimeException {

    private final String code;
    private final ProblemKind kind;

    public LedgerException(ProblemKind kind, String code, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
    }

    public static LedgerException badRequest(String code, String message) {
        return new LedgerException(ProblemKind.BAD_REQUEST, code, message);
    }

    public static LedgerException forbidden(String code, String message) {
        return new LedgerException(ProblemKind.FORBIDDEN, code, message);
    }

    public static LedgerException notFound(String code, String message) {
        return new LedgerException(ProblemKind.NOT_FOUND, code, message);
    }

    public static LedgerException conflict(String code, String message) {
        return new LedgerException(ProblemKind.CONFLICT, code, message);
    }

    public static LedgerException ruleViolation(String code, String message) {
        return new LedgerException(ProblemKind.RULE_VIOLATION, code, message);
    }

    public String code() {
        return code;
    }

    public ProblemKind kind() {
        return kind;
    }
}
