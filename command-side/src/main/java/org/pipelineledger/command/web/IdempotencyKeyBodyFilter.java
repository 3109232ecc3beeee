package org.pipelineledger.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.pipelineledger.command.idempotency.IdempotencyKey;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of a command sent with an {@code Idempotency-Key} in full before it is parsed, for
 * {@link RequestIdsResolver} to fingerprint. Every other request passes untouched. Registered, like any filter
 * bean, after the security filters: nothing is buffered for a caller who may not send commands.
 */
@Component
class IdempotencyKeyBodyFilter extends OncePerRequestFilter {

    static final String COMMANDS = "/api/opportunities";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || request.getHeader(IdempotencyKey.HEADER) == null
                || !(path.equals(COMMANDS) || path.startsWith(COMMANDS + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new BufferedBodyRequest(request), response);
    }
}
