package org.pipelineledger.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.pipelineledger.app.problem.Problems;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer pl_...} (ADR 0020): the token's user, loaded from the configured users on every
 * request, so that the roles are the ones configured now and a removed user's tokens stop working. A token that is
 * not valid is refused here with 401 {@code INVALID_TOKEN}, saying why; no other scheme is touched (Basic goes on to
 * Spring Security's own filter). Like Basic, a bearer request gets no session and needs no CSRF token.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer";

    private final Supplier<AccessTokens> tokens;
    private final UserDetailsService users;
    private final ObjectMapper objectMapper;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(Supplier<AccessTokens> tokens, UserDetailsService users, ObjectMapper objectMapper) {
        this.tokens = tokens;
        this.users = users;
        this.objectMapper = objectMapper;
    }

    /** A request authenticated by a token: its user's name and roles, and which token it was. */
    static final class BearerAuthentication extends AbstractAuthenticationToken {

        private final UserDetails user;
        private final String tokenId;

        BearerAuthentication(UserDetails user, String tokenId) {
            super(user.getAuthorities());
            this.user = user;
            this.tokenId = tokenId;
            setAuthenticated(true);
        }

        String tokenId() {
            return tokenId;
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return user;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        // the scheme is case-insensitive (RFC 9110 11.1); "Bearer" alone is a bearer request without a token
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || (header.length() > SCHEME.length() && header.charAt(SCHEME.length()) != ' ')) {
            chain.doFilter(request, response);
            return;
        }
        AccessTokens.Verdict verdict = tokens.get().authenticate(header.substring(SCHEME.length()).trim());
        if (!verdict.accepted()) {
            refuse(verdict.refusal(), request, response);
            return;
        }
        UserDetails user;
        try {
            user = users.loadUserByUsername(verdict.user());
        } catch (UsernameNotFoundException removed) {
            refuse("The bearer token's user '" + verdict.user() + "' is no longer configured.", request, response);
            return;
        }
        if (!user.isEnabled() || !user.isAccountNonLocked() || !user.isAccountNonExpired()) {
            refuse("The bearer token's user '" + verdict.user() + "' may not sign in.", request, response);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new BearerAuthentication(user, verdict.tokenId()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private void refuse(String detail, HttpServletRequest request, HttpServletResponse response) throws IOException {
        contexts.clearContext();
        Problems.write(Problems.of(ProblemCode.INVALID_TOKEN, detail), request, response, objectMapper);
    }
}
