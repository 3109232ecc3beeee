package org.pipelineledger.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.pipelineledger.app.problem.Problems;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Spring Security's two refusals as problems: 401 {@code UNAUTHENTICATED} (with the Basic challenge, which
 * {@link Problems#write} adds to every 401) and 403 {@code ACCESS_DENIED} naming the caller's roles, or the missing
 * CSRF token of a browser session.
 */
final class ProblemRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper objectMapper;

    ProblemRefusals(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        // the same words for an unknown user and a wrong password: which one it was is nobody's business
        String detail = ex instanceof InsufficientAuthenticationException
                ? "This request needs HTTP Basic credentials."
                : "The user name or password is not valid.";
        Problems.write(Problems.of(ProblemCode.UNAUTHENTICATED, detail), request, response, objectMapper);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        // a signed-in browser's change without its session's token: not a matter of roles (ADR 0014)
        String detail = ex instanceof CsrfException
                ? "This change comes with a session cookie but without the session's CSRF token: send it in the "
                        + "X-CSRF-TOKEN header (GET /api/session gives it), or reload the page."
                : request.getMethod() + " " + request.getRequestURI() + " is not allowed for the role(s) "
                        + rolesOf(SecurityContextHolder.getContext().getAuthentication()) + ".";
        Problems.write(Problems.of(ProblemCode.ACCESS_DENIED, detail), request, response, objectMapper);
    }

    private static String rolesOf(Authentication authentication) {
        List<String> roles = LedgerRole.of(authentication);
        return roles.isEmpty() ? "(none)" : String.join(", ", roles);
    }
}
