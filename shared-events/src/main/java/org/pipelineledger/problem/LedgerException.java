package org.pipelineledger.problem;

import java.util.Objects;
import java.util.Optional;

/**
 * A refusal with a stable, machine-readable {@code code} (for example {@code REVERSION_REASON_REQUIRED}) and a
 * {@link ProblemKind} that decides the HTTP status. Both sides throw it; the web layer turns it into an
 * RFC 9457 problem detail.
 * <p>
 * A refusal of one field's value ({@link #invalidField}) names the field, so that the web layer answers it exactly as
 * it answers the same value refused by the API's own validation.
 */
public class LedgerException extends RuntimeException {

    /** The code of a refused field value, the same whether the API's validation or the aggregate refused it. */
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";

    private final String code;
    private final ProblemKind kind;
    private final String field;

    public LedgerException(ProblemKind kind, String code, String message) {
        this(kind, code, message, null);
    }

    private LedgerException(ProblemKind kind, String code, String message, String field) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
        this.field = field;
    }

    public static LedgerException badRequest(String code, String message) {
        return new LedgerException(ProblemKind.BAD_REQUEST, code, message);
    }

    /**
     * The value of {@code field} (named as in the request, e.g. {@code amount}) is refused; {@code message} says why,
     * without the field's name, as a validation message does ("must not be blank").
     */
    public static LedgerException invalidField(String field, String message) {
        return new LedgerException(ProblemKind.BAD_REQUEST, VALIDATION_FAILED, message, Objects.requireNonNull(field));
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

    /** The request field whose value is refused, for a refusal of one field's value; empty otherwise. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
