package org.pipelineledger.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.pipelineledger.app.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 as a problem ({@code UNAUTHENTICATED}), still with the Basic challenge that tells clients how to log in. */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ObjectMapper objectMapper;

    ProblemAuthenticationEntryPoint(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        // the same words for an unknown user and a wrong password: which one it was is nobody's business
        String detail = ex instanceof InsufficientAuthenticationException
                ? "This request needs HTTP Basic credentials."
                : "The user name or password is not valid.";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, Problems.BASIC_CHALLENGE);
        Problems.write(Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED, detail),
                request, response, objectMapper);
    }
}
