package org.pipelineledger.app.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds the ledger's RFC 9457 problem details. Every problem carries a stable upper-snake {@code code}, a
 * {@code type} and {@code title} derived from that code, the request path as {@code instance}, and the caller's
 * {@code X-Request-Id} (if it sent one) as {@code requestId}. The advice, the error page and the security
 * handlers all build their answers here, so a client sees one shape whatever refused the request.
 */
public final class Problems {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String CODE = "code";
    public static final String REQUEST_ID = "requestId";
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** Every 401 carries it, so that clients know how to log in. */
    public static final String BASIC_CHALLENGE = "Basic realm=\"pipeline-ledger\"";
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** A path or URL refused before routing: Tomcat would not decode or map it, or the firewall refused it. */
    public static final String INVALID_PATH = "INVALID_PATH";
    /** 431: the request line and headers are larger than the container accepts. */
    public static final String HEADER_TOO_LARGE = "HEADER_TOO_LARGE";
    /** 413: the request body is larger than the ledger reads. */
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";

    /** Problem types are identifiers, not links: nothing is served at them (RFC 9457 3.1.1, tag URIs per RFC 4151). */
    static final String TYPE_PREFIX = "tag:pipelineledger.org,2026:problem:";

    /** The request ids the command side accepts (and stores with events); anything else is not echoed. */
    private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private Problems() {
    }

    /** A problem with the given status, stable code and human-readable detail. */
    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        withCode(problem, code);
        return problem;
    }

    /** Sets the code and the type and title that follow from it. */
    public static ProblemDetail withCode(ProblemDetail problem, String code) {
        problem.setProperty(CODE, code);
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")));
        problem.setTitle(titleOf(code));
        return problem;
    }

    /** The code a problem already carries, or null. */
    static String codeOf(ProblemDetail problem) {
        Object code = problem.getProperties() == null ? null : problem.getProperties().get(CODE);
        return code instanceof String text ? text : null;
    }

    /**
     * Adds what only the exchange knows: the path asked for ({@code instance}) and the request id, as the client
     * sent it or, failing that, as the command side generated and returned it in the response header.
     */
    public static ProblemDetail forRequest(ProblemDetail problem, HttpServletRequest request,
            HttpServletResponse response) {
        if (problem.getInstance() == null) {
            instanceOf(request).ifPresent(problem::setInstance);
        }
        String requestId = request.getHeader(REQUEST_ID_HEADER);
        if (requestId == null && response != null) {
            requestId = response.getHeader(REQUEST_ID_HEADER);
        }
        if (requestId != null && REQUEST_ID_FORMAT.matcher(requestId).matches()) {
            problem.setProperty(REQUEST_ID, requestId);
        }
        return problem;
    }

    /** Writes a problem outside Spring MVC (security filters run before any controller). */
    public static void write(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response,
            ObjectMapper objectMapper) throws IOException {
        forRequest(problem, request, response);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /** The code for a status that no more specific rule named. */
    public static String codeForStatus(HttpStatusCode status) {
        return switch (status.value()) {
            // 501 and 505 refuse what the client asked for, 503 asks it to come back: none is an internal error
            case 501 -> "NOT_IMPLEMENTED";
            case 503 -> "SERVICE_UNAVAILABLE";
            case 505 -> "HTTP_VERSION_NOT_SUPPORTED";
            default -> {
                if (status.is5xxServerError()) {
                    yield INTERNAL_ERROR;
                }
                HttpStatus known = HttpStatus.resolve(status.value());
                yield known == null ? "HTTP_" + status.value() : known.name();
            }
        };
    }

    private static Optional<URI> instanceOf(HttpServletRequest request) {
        // on the error page, the request URI is /error; the client asked for the original one
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String s ? s : request.getRequestURI();
        try {
            // no path to report for a request line that could not be read, nor for CONNECT's host:port
            return Optional.ofNullable(path).filter(known -> known.startsWith("/")).map(URI::create);
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    /** {@code STALE_VERSION} becomes "Stale version": one title per problem type, as RFC 9457 asks. */
    private static String titleOf(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ').trim();
        return words.isEmpty() ? "Problem" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
