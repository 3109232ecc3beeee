package org.pipelineledger.problem;

import java.util.Objects;
import java.util.Optional;

/**
 * A refusal with a stable code from the {@link ProblemCode} catalogue, which decides the HTTP status. Both sides
 * throw it; the web layer turns it into an RFC 9457 problem detail.
 * <p>
 * A refusal of one field's value ({@link #invalidField}) names the field, so that the web layer answers it exactly as
 * it answers the same value refused by the API's own validation.
 */
public class LedgerException extends RuntimeException {

    private final ProblemCode code;
    private final String field;

    public LedgerException(ProblemCode code, String message) {
        this(code, message, null);
    }

    private LedgerException(ProblemCode code, String message, String field) {
        super(message);
        this.code = Objects.requireNonNull(code);
        if (ProblemKind.of(code.status()).isEmpty()) {
            throw new IllegalArgumentException(code + " is not a refusal of the ledger's rules");
        }
        this.field = field;
    }

    /**
     * The value of {@code field} (named as in the request, e.g. {@code amount}) is refused; {@code message} says why,
     * without the field's name, as a validation message does ("must not be blank").
     */
    public static LedgerException invalidField(String field, String message) {
        return new LedgerException(ProblemCode.VALIDATION_FAILED, message, Objects.requireNonNull(field));
    }

    /** The one answer for a deal that does not exist, whichever side is asked. */
    public static LedgerException opportunityNotFound(Object id) {
        return new LedgerException(ProblemCode.OPPORTUNITY_NOT_FOUND, "no deal with id '" + id + "'");
    }

    public String code() {
        return code.name();
    }

    public ProblemCode problemCode() {
        return code;
    }

    public ProblemKind kind() {
        return ProblemKind.of(code.status()).orElseThrow();
    }

    /** The request field whose value is refused, for a refusal of one field's value; empty otherwise. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
