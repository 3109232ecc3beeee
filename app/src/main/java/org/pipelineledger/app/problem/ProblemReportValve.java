package org.pipelineledger.app.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.res.StringManager;
import org.pipelineledger.problem.ProblemCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The servlet container's own answers, as problems. Tomcat refuses some requests before any filter or controller
 * runs (a request line or headers it cannot parse or that are too large, a path it will not decode, CONNECT, an
 * HTTP version or transfer coding it does not speak); such a request reaches no application, so not its error page
 * either, and Tomcat's ErrorReportValve would render an HTML page. This valve takes that valve's place on the host
 * and writes the ledger's problem JSON instead, as it does for any other error nobody wrote a body for.
 */
final class ProblemReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

    /*
     * Tomcat tells these refusals apart only by their messages. Read from Tomcat's own message bundles, they match
     * in whatever language Tomcat wrote them; should a message ever change, the refusal is still a problem, with
     * the status's generic code.
     */
    private static final StringManager HTTP11 = StringManager.getManager("org.apache.coyote.http11");
    private static final StringManager CONNECTOR = StringManager.getManager("org.apache.catalina.connector");
    private static final String HEADER_TOO_LARGE = HTTP11.getString("iib.requestheadertoolarge.error");
    private static final String INVALID_TARGET = prefixOf(HTTP11.getString("iib.invalidRequestTarget"));
    private static final String INVALID_URI = CONNECTOR.getString("coyoteAdapter.invalidURI");
    private static final String INVALID_URI_WITH_MESSAGE =
            prefixOf(CONNECTOR.getString("coyoteAdapter.invalidURIWithMessage"));

    private static final String INVALID_PATH_DETAIL = "The request path is not allowed: an encoded '/' or '\\', a NUL, a "
            + "malformed %-escape or a '..' that climbs above the root is refused.";
    private static final String INVALID_TARGET_DETAIL =
            "The request URL holds characters that must be percent-encoded.";

    private final ObjectMapper objectMapper;

    ProblemReportValve(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as ErrorReportValve: only an error, only once, and only when nothing has been written yet
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemDetail problem = Problems.forRequest(refusal(status, response.getMessage(), throwable,
                request.getMethod(), maxHeaderSize(request)), request, response);
        try {
            String body = objectMapper.writeValueAsString(problem);
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not write the problem for {} {}", status, request.getRequestURI(), e);
        }
    }

    /** The problem for what the container refused: the ledger's codes where it has them, the status's otherwise. */
    static ProblemDetail refusal(int status, String message, Throwable throwable, String method,
            String maxHeaderSize) {
        if (throwable instanceof IllegalArgumentException && HEADER_TOO_LARGE.equals(throwable.getMessage())) {
            return Problems.of(ProblemCode.HEADER_TOO_LARGE,
                    "The request line and headers are larger than the " + maxHeaderSize + " this server accepts.");
        }
        if (status == HttpStatus.BAD_REQUEST.value()) {
            if (throwable instanceof IllegalArgumentException && startsWith(throwable.getMessage(), INVALID_TARGET)) {
                return Problems.of(ProblemCode.INVALID_PATH, INVALID_TARGET_DETAIL);
            }
            if (throwable == null && (INVALID_URI.equals(message) || startsWith(message, INVALID_URI_WITH_MESSAGE))) {
                return Problems.of(ProblemCode.INVALID_PATH, INVALID_PATH_DETAIL);
            }
        }
        ProblemCode code = ProblemCode.forStatus(status);
        // as everywhere else, a failure of the server is logged (Tomcat did) and never explained
        String detail = code == ProblemCode.INTERNAL_ERROR ? Problems.UNEXPECTED
                : switch (status) {
                    case 400 -> "The request line or headers are not valid HTTP, or more than this server accepts.";
                    case 405 -> "Method " + Describe.echo(method) + " is not allowed.";
                    case 417 -> "This server cannot meet the request's Expect header.";
                    case 501 -> "This server does not implement the request's method or transfer coding.";
                    case 505 -> "This server speaks HTTP/1.1 and HTTP/1.0 only.";
                    default -> "The request was rejected: " + status + reasonOf(status) + ".";
                };
        return Problems.of(code, detail);
    }

    private static String reasonOf(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "" : " " + known.getReasonPhrase();
    }

    private static String maxHeaderSize(Request request) {
        if (request.getConnector() != null
                && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
            int bytes = http.getMaxHttpRequestHeaderSize();
            return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
        }
        return "size";
    }

    private static String prefixOf(String pattern) {
        int argument = pattern.indexOf('{');
        return argument < 0 ? pattern : pattern.substring(0, argument);
    }

    private static boolean startsWith(String text, String prefix) {
        return text != null && !prefix.isEmpty() && text.startsWith(prefix);
    }
}
