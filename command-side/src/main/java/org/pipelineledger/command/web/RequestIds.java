package org.pipelineledger.command.web;

/**
 * Which HTTP request a command came from ({@code X-Request-Id}, generated when absent and echoed on the response) and
 * which piece of work it belongs to ({@code X-Correlation-Id}, else the request id). Both end up on every event.
 */
record RequestIds(String requestId, String correlationId) {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
}
