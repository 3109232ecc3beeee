package org.pipelineledger.app.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.pipelineledger.problem.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error the web layer answers is an RFC 9457 problem ({@code application/problem+json}) with a stable
 * {@code code}. Ledger refusals keep their own code and status; Spring MVC's own failures (unreadable JSON, failed
 * validation, bad parameters, unknown paths, wrong method or media type) get codes of their own; Axon's exceptions
 * are translated as a safety net for anything the command side did not translate itself; anything else is a 500
 * that is logged and never explained to the client.
 *
 * <p>Ordered last, so that a more specific advice elsewhere wins over this catch-all.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    static final String INVALID_PARAMETER = "INVALID_PARAMETER";
    static final String INVALID_VALUE = "INVALID_VALUE";
    static final String OPPORTUNITY_NOT_FOUND = "OPPORTUNITY_NOT_FOUND";
    static final String STALE_VERSION = "STALE_VERSION";
    static final String CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION";

    static final String UNEXPECTED =
            "An unexpected error occurred. Quote the requestId (X-Request-Id) when reporting it.";

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** One entry of a validation problem's {@code errors} list. */
    record InvalidField(String field, String message) {
    }

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<Object> handleLedgerException(LedgerException ex, WebRequest request) {
        return respond(ex, translate(ex), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<InvalidField> errors = ex.getConstraintViolations().stream()
                .map(violation -> new InvalidField(fieldOf(violation), violation.getMessage()))
                .toList();
        return respond(ex, validationFailed(errors), request);
    }

    /** Everything not named elsewhere: unwrap what Axon and futures wrap, translate what we know, else a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleAnyOtherException(Exception ex, WebRequest request) {
        return respond(ex, translate(unwrap(ex)), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Describe.UnreadableBody unreadable = Describe.unreadableBody(ex);
        ProblemDetail problem = Problems.of(status, MALFORMED_REQUEST, unreadable.detail());
        if (unreadable.field() != null) {
            problem.setProperty("field", unreadable.field());
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(error -> errors.add(invalidField(error)));
        ex.getBindingResult().getGlobalErrors().forEach(error -> errors.add(invalidObject(error)));
        return handleExceptionInternal(ex, validationFailed(errors), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bean) {
                bean.getFieldErrors().forEach(error -> errors.add(invalidField(error)));
                bean.getGlobalErrors().forEach(error -> errors.add(invalidObject(error)));
            } else {
                String name = parameterName(result.getMethodParameter());
                result.getResolvableErrors()
                        .forEach(error -> errors.add(new InvalidField(name, error.getDefaultMessage())));
            }
        }
        ex.getCrossParameterValidationResults()
                .forEach(error -> errors.add(new InvalidField("", error.getDefaultMessage())));
        // method validation reports 400 for request inputs and 500 for return values; keep Spring's choice
        ProblemDetail problem = status.is4xxClientError()
                ? validationFailed(errors)
                : Problems.of(status, Problems.INTERNAL_ERROR, UNEXPECTED);
        return handleExceptionInternal(ex, problem, headers, status, request);
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
            detail = "Parameter '" + name + "' is invalid: " + reason.getMessage() + ".";
        } else {
            detail = "Parameter '" + name + "' must be " + Describe.expected(ex.getRequiredType()) + "; got "
                    + Describe.echo(ex.getValue()) + ".";
        }
        ProblemDetail problem = Problems.of(status, INVALID_PARAMETER, detail);
        problem.setProperty("parameter", name);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String detail = "There is no endpoint " + ex.getHttpMethod() + " " + pathOf(request) + ".";
        return handleExceptionInternal(ex, Problems.of(status, "NOT_FOUND", detail), headers, status, request);
    }

    /**
     * The single exit: every problem, whichever handler built it, gets its code (if it has none yet), its instance
     * and request id here, and 5xx problems lose whatever detail Spring wrote, after it is logged.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem;
        if (body instanceof ProblemDetail given) {
            problem = given;
        } else if (ex instanceof ErrorResponse errorResponse) {
            problem = errorResponse.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        } else {
            problem = ProblemDetail.forStatus(statusCode);
        }
        if (Problems.codeOf(problem) == null) {
            Problems.withCode(problem, codeFor(ex, statusCode));
        }
        if (statusCode.is5xxServerError()) {
            log.error("Request {} {} failed", methodOf(request), pathOf(request), ex);
            if (Problems.INTERNAL_ERROR.equals(Problems.codeOf(problem))) {
                problem.setDetail(UNEXPECTED);
            }
        } else if (log.isDebugEnabled()) {
            log.debug("Request {} {} refused: {}", methodOf(request), pathOf(request), ex.toString());
        }
        if (request instanceof ServletWebRequest servlet) {
            Problems.forRequest(problem, servlet.getRequest(), servlet.getResponse());
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        if (statusCode.value() == HttpStatus.UNAUTHORIZED.value()) {
            problemHeaders.set(HttpHeaders.WWW_AUTHENTICATE, Problems.BASIC_CHALLENGE);
        }
        return super.handleExceptionInternal(ex, problem, problemHeaders, statusCode, request);
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

    private ResponseEntity<Object> respond(Exception ex, ProblemDetail problem, WebRequest request) {
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()),
                request);
    }

    private static ProblemDetail translate(Throwable ex) {
        if (ex instanceof LedgerException ledger && ledger.field().isPresent()) {
            // a value the aggregate refused is answered as if the request's validation had refused it
            return validationFailed(List.of(new InvalidField(ledger.field().get(), ledger.getMessage())));
        }
        if (ex instanceof LedgerException ledger) {
            return Problems.of(HttpStatusCode.valueOf(ledger.kind().status()), ledger.code(), ledger.getMessage());
        }
        if (ex instanceof AggregateNotFoundException notFound) {
            return Problems.of(HttpStatus.NOT_FOUND, OPPORTUNITY_NOT_FOUND,
                    "There is no opportunity with id '" + notFound.getAggregateIdentifier() + "'.");
        }
        if (ex instanceof ConflictingAggregateVersionException stale) {
            return Problems.of(HttpStatus.CONFLICT, STALE_VERSION, "The opportunity is at version "
                    + stale.getActualVersion() + ", not at the expected version " + stale.getExpectedVersion()
                    + ". Read it again and decide whether the change still applies.");
        }
        if (ex instanceof ConflictingModificationException || ex instanceof ConcurrencyException
                || ex instanceof AggregateStreamCreationException) {
            return Problems.of(HttpStatus.CONFLICT, CONCURRENT_MODIFICATION,
                    "Another request changed or created this opportunity at the same time. Read it again and retry.");
        }
        if (ex instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
            // value types (StageKey, OpportunityId, Money) reject bad input with messages written for the caller
            return Problems.of(HttpStatus.BAD_REQUEST, INVALID_VALUE, invalid.getMessage());
        }
        if (ex instanceof AuthenticationException) {
            return Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED,
                    "This request needs valid HTTP Basic credentials.");
        }
        if (ex instanceof AccessDeniedException) {
            return Problems.of(HttpStatus.FORBIDDEN, Problems.ACCESS_DENIED, "Your role does not allow this request.");
        }
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR, UNEXPECTED);
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

    private static String codeFor(Exception ex, HttpStatusCode status) {
        if (status.value() == 400) {
            if (ex instanceof HttpMessageNotReadableException) {
                return MALFORMED_REQUEST;
            }
            if (ex instanceof MethodArgumentNotValidException || ex instanceof HandlerMethodValidationException) {
                return VALIDATION_FAILED;
            }
            if (ex instanceof TypeMismatchException || ex instanceof ServletRequestBindingException
                    || ex instanceof MissingServletRequestPartException) {
                return INVALID_PARAMETER;
            }
        }
        return Problems.codeForStatus(status);
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
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String describe(InvalidField error) {
        return error.field().isEmpty() ? error.message() : "'" + error.field() + "' " + error.message();
    }

    private static InvalidField invalidField(FieldError error) {
        return new InvalidField(error.getField(), error.getDefaultMessage());
    }

    private static InvalidField invalidObject(ObjectError error) {
        return new InvalidField("", error.getDefaultMessage());
    }

    /** The name the client used: the annotation's name when it has one, else the Java parameter's. */
    private static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        String name = parameter.getParameterName();
        return name != null ? name : "arg" + parameter.getParameterIndex();
    }

    /** {@code create.request.name} becomes {@code name}; a plain parameter keeps its own name. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> properties = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getName() != null
                    && (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT)) {
                properties.add(node.getName());
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties);
        }
        return parameter != null ? parameter : violation.getPropertyPath().toString();
    }

    private static String pathOf(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "";
    }

    private static String methodOf(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getMethod() : "";
    }
}
