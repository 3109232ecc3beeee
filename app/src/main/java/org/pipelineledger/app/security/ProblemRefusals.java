package org.pipelineledger.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.pipelineledger.app.problem.Problems;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Spring Security's two refusals as problems: 401 {@code UNAUTHENTICATED} (with the Basic challenge, which
 * {@link Problems#write} adds to every 401) and 403 {@code ACCESS_DENIED} naming the caller's roles.
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
        String detail = request.getMethod() + " " + request.getRequestURI() + " is not allowed for the role(s) "
                + rolesOf(SecurityContextHolder.getContext().getAuthentication()) + ".";
        Problems.write(Problems.of(ProblemCode.ACCESS_DENIED, detail), request, response, objectMapper);
    }

    private static String rolesOf(Authentication authentication) {
        if (authentication == null || authentication.getAuthorities().isEmpty()) {
            return "(none)";
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(authority -> authority.startsWith("ROLE_") ? authority.substring("ROLE_".length()) : authority)
                .sorted()
                .collect(Collectors.joining(", "));
    }
}
