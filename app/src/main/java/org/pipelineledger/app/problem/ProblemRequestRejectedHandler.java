package org.pipelineledger.app.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's firewall refuses what Tomcat lets through: a ';', '//', an encoded '.', '/' or '%' in the path,
 * a method outside the usual seven, a header or parameter with control characters. By default that is a bare 400
 * rendered by the container; here it is the problem it is, with the same code as Tomcat's own refusal of a path.
 * The firewall says which rule it applied only in its message, which is read here and never echoed.
 */
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    private static final String INVALID_PATH_DETAIL = "The request path is not allowed: ';', '//', '.' or '..' segments, "
            + "an encoded '.', '/', '\\' or '%', and characters outside printable ASCII are refused.";

    private static final Logger log = LoggerFactory.getLogger(ProblemRequestRejectedHandler.class);

    private final ObjectMapper objectMapper;

    ProblemRequestRejectedHandler(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
            throws IOException {
        log.debug("Request {} {} rejected by the firewall: {}", request.getMethod(), request.getRequestURI(),
                ex.getMessage());
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        Problems.write(problemFor(request, ex), request, response, objectMapper);
    }

    private static ProblemDetail problemFor(HttpServletRequest request, RequestRejectedException ex) {
        String message = ex.getMessage() == null ? "" : ex.getMessage();
        if (message.contains("HTTP method")) {
            return Problems.of(ProblemCode.METHOD_NOT_ALLOWED,
                    "Method " + Describe.echo(request.getMethod()) + " is not allowed.");
        }
        if (message.contains("URL") || message.contains("requestURI")) {
            return Problems.of(ProblemCode.INVALID_PATH, INVALID_PATH_DETAIL);
        }
        return Problems.of(ProblemCode.BAD_REQUEST,
                "The request was refused: a header, host name or parameter holds characters that are not allowed.");
    }
}
