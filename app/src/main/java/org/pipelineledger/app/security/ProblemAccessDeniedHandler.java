package org.pipelineledger.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.pipelineledger.app.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 as a problem ({@code ACCESS_DENIED}), naming the caller's roles so a refused client knows why. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ObjectMapper objectMapper;

    ProblemAccessDeniedHandler(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        String detail = request.getMethod() + " " + request.getRequestURI() + " is not allowed for the role(s) "
                + rolesOf(SecurityContextHolder.getContext().getAuthentication()) + ".";
        Problems.write(Problems.of(HttpStatus.FORBIDDEN, Problems.ACCESS_DENIED, detail),
                request, response, objectMapper);
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
