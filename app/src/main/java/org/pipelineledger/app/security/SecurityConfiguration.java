package org.pipelineledger.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what (ADR 0014). API clients send HTTP Basic or a personal access token (ADR 0020) on every request
 * and get no session; a browser signs in once with the form at {@code /login} and then carries a session cookie,
 * whose requests that change anything need the session's CSRF token. Every role may read; only REP, MANAGER and ADMIN may change anything; only ADMIN may use
 * {@code /api/admin/**} and {@code /api/imports}; pipeline metrics and targets are read by ANALYST, MANAGER, AUDITOR
 * and ADMIN and targets set by MANAGER and ADMIN; the metrics ({@code /actuator/prometheus}) are read by MONITOR, a
 * scraper's role that reads no deal, and ADMIN, while the health and its probes and the API description (and its
 * browser, {@code /swagger-ui}) are open to anyone (ADR 0021). Which deals a REP may change is the command side's decision, not a URL rule. A page visited
 * signed out leads to the sign-in form and back; everything else is refused as a problem.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Also in {@code Problems.BASIC_CHALLENGE}, which every 401 carries. */
    static final String REALM = "pipeline-ledger";

    static final String SIGN_IN = "/login";

    /** Scripts, styles and images only from this origin, no inline script, no framing (ADR 0014). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Every role but MONITOR, which sees the operators' endpoints and no deal (ADR 0021). */
    private static final String[] READERS = LedgerRole.names(
            LedgerRole.REP, LedgerRole.MANAGER, LedgerRole.ANALYST, LedgerRole.AUDITOR, LedgerRole.ADMIN);
    private static final String[] WRITERS = LedgerRole.names(LedgerRole.REP, LedgerRole.MANAGER, LedgerRole.ADMIN);
    /** Pipeline health (issue 20) is for those who analyse or manage the pipeline, not for a rep's own deals. */
    private static final String[] METRICS_READERS = LedgerRole.names(
            LedgerRole.ANALYST, LedgerRole.MANAGER, LedgerRole.AUDITOR, LedgerRole.ADMIN);
    private static final String[] TARGET_SETTERS = LedgerRole.names(LedgerRole.MANAGER, LedgerRole.ADMIN);
    /** Verifying the store and its signed anchors (issue 21) is the auditors' work, and may start a long run. */
    private static final String[] AUDITORS = LedgerRole.names(LedgerRole.AUDITOR, LedgerRole.ADMIN);
    /** The metrics a scraper reads (docs/operations/metrics.md): a MONITOR user's, or an administrator's. */
    private static final String[] SCRAPERS = LedgerRole.names(LedgerRole.MONITOR, LedgerRole.ADMIN);
    /** Every role may hold tokens, a scraper too: Prometheus can then send a Bearer token, not a bcrypt password. */
    private static final String[] TOKEN_HOLDERS = LedgerRole.names(LedgerRole.values());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * A page a person opens in a browser: a GET for HTML outside the API, without Basic credentials (not the
     * browser's own fetch of {@code /favicon.ico}, which would otherwise be where signing in leads back to).
     */
    static final RequestMatcher PAGE = request -> "GET".equals(request.getMethod()) && !sentBasic(request)
            && !isMachinePath(path(request)) && acceptsHtml(request);

    /**
     * CSRF matters only where the browser adds the credential by itself: the session cookie. Requests with an
     * Authorization header, or without a session to ride on, carry their own credential and are not checked; signing
     * in and out always are (no signing a victim in as someone else).
     */
    static final RequestMatcher NEEDS_CSRF_TOKEN = request -> !SAFE_METHODS.contains(request.getMethod())
            && !sentBasic(request)
            && (request.getSession(false) != null || isSignInOrOut(request));

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, ObjectMapper objectMapper, UserDetailsService users,
            ObjectProvider<AccessTokens> tokens) throws Exception {
        ProblemRefusals refusals = new ProblemRefusals(objectMapper);
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
        entryPoints.put(PAGE, new LoginUrlAuthenticationEntryPoint(SIGN_IN));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
        entryPoint.setDefaultEntryPoint(refusals);
        // only pages are remembered for the way back after signing in, never an API call
        HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
        pagesOnly.setRequestMatcher(PAGE);
        return http
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(NEEDS_CSRF_TOKEN))
                .requestCache(cache -> cache.requestCache(pagesOnly))
                .formLogin(form -> form.loginPage(SIGN_IN).permitAll())
                .logout(logout -> logout.logoutSuccessUrl(SIGN_IN + "?signedOut")
                        .deleteCookies("JSESSIONID").invalidateHttpSession(true).permitAll())
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(refusals))
                // personal access tokens (ADR 0020): the token's user with the roles configured now
                .addFilterBefore(new BearerTokenFilter(tokens::getObject, users, objectMapper),
                        BasicAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(refusals))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // the API description's browser: static pages that read /v3/api-docs (ADR 0021)
                        .requestMatchers(HttpMethod.GET, "/swagger-ui", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus").hasAnyRole(SCRAPERS)
                        // the sign-in page's own styles
                        .requestMatchers(HttpMethod.GET, "/assets/signin.css").permitAll()
                        // the read models' dead letters (ADR 0012): reading them shows event details, acting on them
                        // changes what the read models show
                        .requestMatchers("/api/admin/**").hasRole(LedgerRole.ADMIN.name())
                        // an import appends history as ADMIN, backdated; its reports name every row's problems
                        .requestMatchers("/api/imports", "/api/imports/**").hasRole(LedgerRole.ADMIN.name())
                        .requestMatchers("/api/audit", "/api/audit/**").hasAnyRole(AUDITORS)
                        // every user manages their own tokens (ADR 0020); the controller keeps others' apart
                        .requestMatchers("/api/tokens", "/api/tokens/**").hasAnyRole(TOKEN_HOLDERS)
                        .requestMatchers(HttpMethod.GET, "/api/metrics", "/api/metrics/**", "/api/targets",
                                "/api/targets/**").hasAnyRole(METRICS_READERS)
                        .requestMatchers("/api/targets", "/api/targets/**").hasAnyRole(TARGET_SETTERS)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole(READERS)
                        // POST and every other method that could change something
                        .requestMatchers("/api/**").hasAnyRole(WRITERS)
                        .anyRequest().authenticated())
                .build();
    }

    /** The request carries its own credential (HTTP Basic or a token), so it needs neither a session nor CSRF. */
    static boolean sentBasic(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    private static boolean isMachinePath(String path) {
        return path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/");
    }

    private static boolean isSignInOrOut(HttpServletRequest request) {
        String path = path(request);
        return path.equals(SIGN_IN) || path.equals("/logout");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
