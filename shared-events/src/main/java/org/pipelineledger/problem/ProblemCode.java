package org.pipelineledger.problem;

/**
 * The catalogue of every {@code code} a client can receive, each with its one HTTP status: the aggregate, the command
 * sender, the query side and the web layer all refuse with these, and the README's error table lists exactly these.
 */
public enum ProblemCode {
    // 400: the request cannot be read or names something that does not exist
    MALFORMED_REQUEST(400),
    VALIDATION_FAILED(400),
    INVALID_PARAMETER(400),
    UNKNOWN_STAGE(400),
    UNKNOWN_PIPELINE(400),
    INVALID_OPPORTUNITY_ID(400),
    INVALID_LIMIT(400),
    MISSING_STAGE(400),
    INVALID_CURSOR(400),
    INVALID_PERIOD(400),
    INVALID_REQUEST_HEADER(400),
    INVALID_PATH(400),
    BAD_REQUEST(400),
    // 401, 403: who asks
    UNAUTHENTICATED(401),
    ACCESS_DENIED(403),
    NOT_DEAL_OWNER(403),
    REASSIGN_NOT_ALLOWED(403),
    BACKDATING_NOT_ALLOWED(403),
    // 404
    OPPORTUNITY_NOT_FOUND(404),
    UNKNOWN_READ_MODEL(404),
    IMPORT_NOT_FOUND(404),
    // issue 21: a verification job that is not, or no longer, kept; an anchor or checkpoint before the first checkpoint
    VERIFICATION_NOT_FOUND(404),
    NO_CHECKPOINT(404),
    NOT_FOUND(404),
    // what the endpoint does not serve
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    UNSUPPORTED_MEDIA_TYPE(415),
    // 409: the deal's state
    ALREADY_IN_STAGE(409),
    OPPORTUNITY_CLOSED(409),
    OPPORTUNITY_OPEN(409),
    STALE_VERSION(409),
    OPPORTUNITY_EXISTS(409),
    CLOSE_DATE_UNCHANGED(409),
    OUTLOOK_UNCHANGED(409),
    AMOUNT_UNCHANGED(409),
    OWNER_UNCHANGED(409),
    IDEMPOTENCY_KEY_IN_USE(409),
    // issue 21: one verification at a time
    VERIFICATIONS_RUNNING(409),
    // the container's limits
    PAYLOAD_TOO_LARGE(413),
    EXPECTATION_FAILED(417),
    HEADER_TOO_LARGE(431),
    // 422: a business rule
    REVERSION_REASON_REQUIRED(422),
    REVERSION_NOTE_REQUIRED(422),
    ENTRY_CRITERIA_NOT_MET(422),
    NEGATIVE_AMOUNT(422),
    LOSS_REASON_REQUIRED(422),
    REOPEN_NOTE_REQUIRED(422),
    OCCURRED_AT_IN_FUTURE(422),
    OCCURRED_AT_BEFORE_PREVIOUS_EVENT(422),
    IDEMPOTENCY_KEY_REUSED(422),
    NOT_AN_EXPORT(422),
    // 5xx: the server's failure (never explained), or what it does not speak
    INTERNAL_ERROR(500),
    NOT_IMPLEMENTED(501),
    SERVICE_UNAVAILABLE(503),
    HTTP_VERSION_NOT_SUPPORTED(505),
    // issue 22: a bearer token that is not (or no longer) valid; a token id the caller has no token with
    INVALID_TOKEN(401),
    TOKEN_NOT_FOUND(404),
    // added by issue 22: a read model is being rebuilt (ADR 0019)
    REBUILD_IN_PROGRESS(409);

    private final int status;

    ProblemCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code for a status that no more specific rule named (the container's and Spring's own refusals). A status
     * the catalogue does not name becomes {@code BAD_REQUEST} (400) or {@code INTERNAL_ERROR} (500), so that a client
     * only ever sees a code with its catalogued status.
     */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> ACCESS_DENIED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 417 -> EXPECTATION_FAILED;
            case 431 -> HEADER_TOO_LARGE;
            case 501 -> NOT_IMPLEMENTED;
            case 503 -> SERVICE_UNAVAILABLE;
            case 505 -> HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }
}
