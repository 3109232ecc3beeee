package org.pipelineledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import java.util.regex.Pattern;
import org.pipelineledger.command.idempotency.IdempotencyKey;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link RequestIds} for a command handler. Declared before the request body, it runs first, so the request
 * id is echoed even when the body turns out to be malformed, and a malformed {@code Idempotency-Key} is refused
 * before the body is looked at. The key's fingerprint covers the body as {@link IdempotencyKeyBodyFilter} buffered it.
 */
class RequestIdsResolver implements HandlerMethodArgumentResolver {

    /** The ids are stored with every event forever: printable ASCII, no spaces, bounded. */
    private static final Pattern ALLOWED = Pattern.compile("[\\x21-\\x7E]{1,128}");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == RequestIds.class;
    }

    @Override
    public RequestIds resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                      NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        String requestId = valid(webRequest.getHeader(RequestIds.REQUEST_ID_HEADER), RequestIds.REQUEST_ID_HEADER);
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
        if (response != null) {
            response.setHeader(RequestIds.REQUEST_ID_HEADER, requestId);
        }
        String correlationId = valid(webRequest.getHeader(RequestIds.CORRELATION_ID_HEADER),
                RequestIds.CORRELATION_ID_HEADER);
        return new RequestIds(requestId, correlationId == null ? requestId : correlationId,
                idempotencyKey(webRequest));
    }

    private static IdempotencyKey idempotencyKey(NativeWebRequest webRequest) {
        String[] keys = webRequest.getHeaderValues(IdempotencyKey.HEADER);
        if (keys == null || keys.length == 0) {
            return null;
        }
        if (keys.length > 1) {
            throw IdempotencyKey.invalid();
        }
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        BufferedBodyRequest buffered = webRequest.getNativeRequest(BufferedBodyRequest.class);
        if (request == null || buffered == null) {
            // without the exact body there is no fingerprint; refusing beats accepting a key it cannot hold to
            throw new IllegalStateException(IdempotencyKey.HEADER + " on a request that "
                    + IdempotencyKeyBodyFilter.class.getSimpleName() + " did not buffer");
        }
        return IdempotencyKey.of(keys[0], request.getMethod(), request.getRequestURI(), buffered.body());
    }

    private static String valid(String header, String name) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        if (!ALLOWED.matcher(header).matches()) {
            throw new LedgerException(ProblemCode.INVALID_REQUEST_HEADER,
                    name + " must be 1-128 printable ASCII characters without spaces");
        }
        return header;
    }
}
