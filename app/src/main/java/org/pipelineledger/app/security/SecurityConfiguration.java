package org.pipelineledger.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. The API is stateless HTTP Basic: no sessions, no CSRF tokens (there is no cookie to
 * forge a request with). Every role may read; only REP, MANAGER and ADMIN may change anything; only ADMIN may use
 * {@code /api/admin/**}. Which deals a
 * REP may change is the command side's decision, not a URL rule. Refusals are problem details like every other
 * error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Also in {@code Problems.BASIC_CHALLENGE}, which every 401 carries. */
    static final String REALM = "pipeline-ledger";

    private static final String[] READERS = LedgerRole.names(LedgerRole.values());
    private static final String[] WRITERS = LedgerRole.names(LedgerRole.REP, LedgerRole.MANAGER, LedgerRole.ADMIN);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
        ProblemRefusals refusals = new ProblemRefusals(objectMapper);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(refusals))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // the read models' dead letters (ADR 0012): reading them shows event details, acting on them
                        // changes what the read models show
                        .requestMatchers("/api/admin/**").hasRole(LedgerRole.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole(READERS)
                        // POST and every other method that could change something
                        .requestMatchers("/api/**").hasAnyRole(WRITERS)
                        .anyRequest().authenticated())
                .build();
    }
}
