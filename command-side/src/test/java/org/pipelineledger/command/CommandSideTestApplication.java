package org.pipelineledger.command;

import static org.springframework.security.config.Customizer.withDefaults;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The command side assembled without the app module: what the app provides (clock, pipelines, security, the
 * problem-details mapping of LedgerException) is stood in for here, as plainly as possible.
 */
@SpringBootApplication
class CommandSideTestApplication {

    static final Instant NOW = Instant.parse("2025-09-01T09:00:00Z");

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    PipelineCatalog pipelineCatalog() {
        return PipelineCatalog.withDefaultPipeline();
    }

    /** The demo users of the embedded profile, with the roles the command side maps to actors. */
    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                user("rep", "REP"), user("rep2", "REP"), user("manager", "MANAGER"), user("analyst", "ANALYST"),
                user("auditor", "AUDITOR"), user("admin", "ADMIN"));
    }

    private static UserDetails user(String name, String role) {
        return User.withUsername(name).password("{noop}demo").roles(role).build();
    }

    /** Any authenticated user may reach the command API, so that the command side's own role check is what is tested. */
    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .httpBasic(withDefaults())
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }

    @RestControllerAdvice
    static class LedgerProblems {

        @ExceptionHandler(LedgerException.class)
        ResponseEntity<ProblemDetail> refused(LedgerException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    org.springframework.http.HttpStatus.valueOf(e.kind().status()), e.getMessage());
            problem.setProperty("code", e.code());
            return ResponseEntity.status(e.kind().status()).body(problem);
        }
    }
}
