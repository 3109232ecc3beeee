package org.pipelineledger.app.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds the ledger's RFC 9457 problem details from the {@link ProblemCode} catalogue: the code decides the status,
 * the {@code type} and the {@code title}; the request adds its path as {@code instance} and the caller's
 * {@code X-Request-Id} as {@code requestId}. The advice, the container's valve, the firewall and the security handlers
 * all build their answers here (there is no error page), so a client sees one shape whatever refused the request.
 */
public final class Problems {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String CODE = "code";
    public static final String REQUEST_ID = "requestId";
    /** Every 401 carries it, so that clients know how to log in. */
    public static final String BASIC_CHALLENGE = "Basic realm=\"pipeline-ledger\"";
    /** The only detail a 5xx ever has: the failure is logged, never explained. */
    public static final String UNEXPECTED =
            "An unexpected error occurred. Quote the requestId (X-Request-Id) when reporting it.";

    /** Problem types are identifiers, not links: nothing is served at them (RFC 9457 3.1.1, tag URIs per RFC 4151). */
    static final String TYPE_PREFIX = "tag:pipelineledger.org,2026:problem:";

    /** The request ids the command side accepts (and stores with events); anything else is not echoed. */
    private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private Problems() {
    }

    /** A problem with the code's status and type, and a human-readable detail. */
    public static ProblemDetail of(ProblemCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.status()), detail);
        return withCode(problem, code);
    }

    /** Sets the code and the status, type and title that follow from it. */
    static ProblemDetail withCode(ProblemDetail problem, ProblemCode code) {
        problem.setStatus(code.status());
        problem.setProperty(CODE, code.name());
        problem.setType(URI.create(TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
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
    static ProblemDetail forRequest(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response) {
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

    /** Writes a problem outside Spring MVC: the firewall, the security filters, the body limit. */
    public static void write(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response,
            ObjectMapper objectMapper) throws IOException {
        forRequest(problem, request, response);
        response.setStatus(problem.getStatus());
        if (problem.getStatus() == 401) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    private static Optional<URI> instanceOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        try {
            // no path to report for a request line that could not be read, nor for CONNECT's host:port
            return Optional.ofNullable(path).filter(known -> known.startsWith("/")).map(URI::create);
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    /** {@code STALE_VERSION} becomes "Stale version": one title per problem type, as RFC 9457 asks. */
    private static String titleOf(ProblemCode code) {
        String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
