package org.pipelineledger.app.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pipelineledger.problem.ProblemCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, for the few failures that never reach a controller (a request the
 * firewall rejects, an exception in a filter): the same problem shape as everything else instead of Spring Boot's
 * default error JSON. Replaces Boot's BasicErrorController.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = MediaType.ALL_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        ProblemCode code = ProblemCode.forStatus(statusOf(request).value());
        HttpStatus status = HttpStatus.valueOf(code.status());
        String detail;
        if (status.is5xxServerError()) {
            log.error("Request {} failed outside the controllers",
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            detail = Problems.UNEXPECTED;
        } else if (status == HttpStatus.NOT_FOUND) {
            detail = "There is no such endpoint.";
        } else {
            detail = "The request was rejected: " + status.value() + " " + status.getReasonPhrase() + ".";
        }
        ProblemDetail problem = Problems.forRequest(Problems.of(code, detail), request, response);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Asked for directly, the error page does not exist. */
    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status != null ? status : HttpStatus.NOT_FOUND;
    }
}
