package org.pipelineledger.app.problem;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.messaging.HandlerExecutionException;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error the web layer answers is an RFC 9457 problem with a code from the {@link ProblemCode} catalogue. Spring's
 * {@link ResponseEntityExceptionHandler} decides the status of its own failures; this advice gives them their code,
 * says which field or parameter an unreadable or invalid request got wrong, answers a {@link LedgerException} with its
 * own code, and answers anything else with a 500 that is logged and never explained.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** One entry of a validation problem's {@code errors} list. */
    record InvalidField(String field, String message) {
    }

    /** A ledger refusal, or anything else: unwrap what Axon and futures wrap, else a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleAnyOtherException(Exception ex, WebRequest request) {
        ProblemDetail problem = unwrap(ex) instanceof LedgerException ledger
                ? ledger.field().map(field -> validationFailed(List.of(new InvalidField(field, ledger.getMessage()))))
                        .orElseGet(() -> Problems.of(ledger.problemCode(), ledger.getMessage()))
                : Problems.of(ProblemCode.INTERNAL_ERROR, Problems.UNEXPECTED);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Describe.UnreadableBody unreadable = Describe.unreadableBody(ex);
        ProblemDetail problem = Problems.of(ProblemCode.MALFORMED_REQUEST, unreadable.detail());
        if (unreadable.field() != null) {
            problem.setProperty("field", unreadable.field());
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors()
                .forEach(error -> errors.add(new InvalidField(error.getField(), error.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new InvalidField("", error.getDefaultMessage())));
        return handleExceptionInternal(ex, validationFailed(errors), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName()
                : ex.getPropertyName();
        Throwable reason = NestedExceptionUtils.getMostSpecificCause(ex);
        String detail;
        if (reason != ex && reason instanceof IllegalArgumentException && !(reason instanceof NumberFormatException)
                && reason.getMessage() != null) {
            // our value types (OpportunityId, StageKey) refuse bad input with a message written for people
            detail = "Parameter '" + name + "' is invalid: " + reason.getMessage() + ".";
        } else {
            detail = "Parameter '" + name + "' must be " + Describe.expected(ex.getRequiredType()) + "; got "
                    + Describe.echo(ex.getValue()) + ".";
        }
        ProblemDetail problem = Problems.of(ProblemCode.INVALID_PARAMETER, detail);
        problem.setProperty("parameter", name);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** Spring's own words would name a "static resource". */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String detail = "There is no endpoint " + ex.getHttpMethod() + " " + pathOf(request) + ".";
        return handleExceptionInternal(ex, Problems.of(ProblemCode.NOT_FOUND, detail), headers, status, request);
    }

    /**
     * The single exit: every problem gets its code (Spring's own failures get the one for their kind or status),
     * its instance and request id here, and a 5xx loses whatever detail Spring wrote, after it is logged.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail given ? given
                : ex instanceof ErrorResponse response
                        ? response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale())
                        : ProblemDetail.forStatus(statusCode);
        if (Problems.codeOf(problem) == null) {
            Problems.withCode(problem, codeFor(ex, statusCode));
        }
        HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
        if (status.is5xxServerError()) {
            log.error("Request {} {} failed", methodOf(request), pathOf(request), ex);
            if (ProblemCode.INTERNAL_ERROR.name().equals(Problems.codeOf(problem))) {
                problem.setDetail(Problems.UNEXPECTED);
            }
        } else if (log.isDebugEnabled()) {
            log.debug("Request {} {} refused: {}", methodOf(request), pathOf(request), ex.toString());
        }
        if (request instanceof ServletWebRequest servlet) {
            Problems.forRequest(problem, servlet.getRequest(), servlet.getResponse());
        }
        return super.handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** The body is a problem, whatever the client said it accepts: error answers are not negotiated. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, problemHeaders, statusCode);
    }

    /** Axon wraps handler failures and futures wrap everything; the cause is what the client needs to hear about. */
    private static Throwable unwrap(Throwable ex) {
        Throwable current = ex;
        while ((current instanceof HandlerExecutionException || current instanceof CompletionException
                || current instanceof ExecutionException || current instanceof UndeclaredThrowableException)
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static ProblemCode codeFor(Exception ex, HttpStatusCode status) {
        if (status.value() == 400) {
            if (ex instanceof HandlerMethodValidationException) {
                return ProblemCode.VALIDATION_FAILED;
            }
            if (ex instanceof ServletRequestBindingException) {
                return ProblemCode.INVALID_PARAMETER;
            }
        }
        return ProblemCode.forStatus(status.value());
    }

    /** Validators report in no particular order; sorted, the same request always gets the same answer. */
    private static ProblemDetail validationFailed(List<InvalidField> unsorted) {
        List<InvalidField> errors = unsorted.stream()
                .sorted(Comparator.comparing(InvalidField::field, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(InvalidField::message, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        String detail = errors.size() == 1
                ? "The request is invalid: " + describe(errors.get(0)) + "."
                : "The request is invalid in " + errors.size() + " places; see errors.";
        ProblemDetail problem = Problems.of(ProblemCode.VALIDATION_FAILED, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String describe(InvalidField error) {
        return error.field().isEmpty() ? error.message() : "'" + error.field() + "' " + error.message();
    }

    private static String pathOf(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "";
    }

    private static String methodOf(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getMethod() : "";
    }
}
