package org.pipelineledger.command.web;

import org.pipelineledger.command.idempotency.IdempotencyKey;

/**
 * Which HTTP request a command came from ({@code X-Request-Id}, generated when absent and echoed on the response),
 * which piece of work it belongs to ({@code X-Correlation-Id}, else the request id), both of which end up on every
 * event, and the client's {@code Idempotency-Key} with the request's fingerprint (null when the client sent none).
 */
record RequestIds(String requestId, String correlationId, IdempotencyKey idempotencyKey) {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
}
