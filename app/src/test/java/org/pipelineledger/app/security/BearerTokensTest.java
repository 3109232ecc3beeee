package org.pipelineledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.problem.LedgerException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Tokens against the real migration on an in-memory H2 and the filter in front of a stand-in for the rest of the
 * chain (ADR 0020): who a token is, when it stops being anyone, what is stored, and how often its use is written.
 * The users are a map the tests change, as a restart with another configuration would.
 */
class BearerTokensTest {

    /** As the application's: with the mixin that writes a problem's properties at the top level. */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private final MovableClock clock = new MovableClock(Instant.parse("2027-01-04T09:00:00Z"));
    private final Map<String, UserDetails> configured = new HashMap<>();
    private JdbcTemplate jdbc;
    private AccessTokens tokens;
    private BearerTokenFilter filter;

    @BeforeEach
    void migratedDatabase() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:tokens-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        tokens = new AccessTokens(jdbc, clock);
        UserDetailsService users = name -> {
            UserDetails user = configured.get(name);
            if (user == null) {
                throw new UsernameNotFoundException(name);
            }
            return user;
        };
        filter = new BearerTokenFilter(() -> tokens, users, JSON);
        configure("alice", "ANALYST");
    }

    @Test
    void aTokenIsItsUserWithTheRolesConfiguredNow() throws Exception {
        String token = tokens.issue("alice", "ci", clock.instant().plus(Duration.ofDays(30))).token();

        assertThat(passes(token).getName()).isEqualTo("alice");
        assertThat(LedgerRole.of(passes(token))).containsExactly("ANALYST");

        configure("alice", "MANAGER", "AUDITOR");
        assertThat(LedgerRole.of(passes(token))).containsExactly("AUDITOR", "MANAGER");
    }

    @Test
    void aRemovedUsersTokensStopWorking() throws Exception {
        String token = tokens.issue("alice", "ci", clock.instant().plus(Duration.ofDays(30))).token();
        configured.remove("alice");

        assertRefused(token, "The bearer token's user 'alice' is no longer configured.");
    }

    @Test
    void aTokenWorksUntilTheInstantItExpires() throws Exception {
        Instant expires = clock.instant().plus(Duration.ofDays(2));
        String token = tokens.issue("alice", "ci", expires).token();

        clock.advance(Duration.ofDays(2).minusSeconds(1));
        assertThat(passes(token).getName()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(1));
        assertRefused(token, "The bearer token expired at " + expires + "; issue a new one.");
        assertThat(tokens.list("alice")).singleElement().extracting(AccessTokens.TokenView::status)
                .isEqualTo(AccessTokens.Status.EXPIRED);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndSaysSo() throws Exception {
        AccessTokens.Issued issued = tokens.issue("alice", "ci", clock.instant().plus(Duration.ofDays(30)));
        passes(issued.token());

        tokens.revoke(issued.view().id(), "alice", "alice");

        assertRefused(issued.token(), "The bearer token was revoked at " + clock.instant() + "; issue a new one.");
    }

    @Test
    void aWrongOrMalformedTokenIsRefusedAndNothingElseIsAsked() throws Exception {
        String issued = tokens.issue("alice", "ci", clock.instant().plus(Duration.ofDays(30))).token();
        String wrong = issued.substring(0, issued.length() - 1) + (issued.endsWith("A") ? "B" : "A");

        assertRefused(wrong, "The bearer token is not known here: it was never issued, or is mistyped.");
        assertRefused("demo", "The bearer token is not a Pipeline Ledger token (pl_ and 43 characters).");
        assertRefused(issued + "x", "The bearer token is not a Pipeline Ledger token (pl_ and 43 characters).");
    }

    @Test
    void otherSchemesPassThroughUntouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/board");
        request.addHeader("Authorization", "Basic YWxpY2U6ZGVtbw==");
        AtomicReference<Authentication> seen = new AtomicReference<>();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req,
                                   jakarta.servlet.http.HttpServletResponse res) {
                seen.set(SecurityContextHolder.getContext().getAuthentication());
            }
        });
        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).as("the chain went on").isNotNull();
        assertThat(seen.get()).isNull();
    }

    @Test
    void onlyTheHashOfTheTokenIsStored() {
        String token = tokens.issue("alice", "ci", clock.instant().plus(Duration.ofDays(30))).token();

        assertThat(token).matches("pl_[A-Za-z0-9_-]{43}");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM access_token");
        assertThat(row.values()).map(String::valueOf).noneMatch(value -> value.contains(token.substring(3)));
        assertThat(row.get("SECRET_HASH")).isEqualTo(AccessTokens.hash(token));
        assertThat(AccessTokens.hash(token)).hasSize(64);
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinute() throws Exception {
        AccessTokens.Issued issued = tokens.issue("alice", "ci", clock.instant().plus(Duration.ofDays(30)));
        Instant first = clock.instant();
        passes(issued.token());
        clock.advance(Duration.ofSeconds(59));
        passes(issued.token());

        assertThat(lastUsed()).isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        passes(issued.token());
        assertThat(lastUsed()).isEqualTo(first.plus(Duration.ofMinutes(1)));
    }

    @Test
    void anExpiryIsThirtyDaysByDefaultAndAtMostAYear() {
        Instant now = clock.instant();
        assertThat(tokens.expiry(null, null)).isEqualTo(now.plus(Duration.ofDays(30)));
        assertThat(tokens.expiry(null, 365)).isEqualTo(now.plus(Duration.ofDays(365)));
        assertThat(tokens.expiry(now.plus(Duration.ofDays(365)), null)).isEqualTo(now.plus(Duration.ofDays(365)));

        assertRefusedField(() -> tokens.expiry(null, 0), "expiresInDays", "must be between 1 and 365");
        assertRefusedField(() -> tokens.expiry(null, 366), "expiresInDays", "must be between 1 and 365");
        assertRefusedField(() -> tokens.expiry(now, null), "expiresAt", "must be in the future");
        assertRefusedField(() -> tokens.expiry(now.plus(Duration.ofDays(365)).plusSeconds(1), null), "expiresAt",
                "must be at most 365 days from now");
        assertRefusedField(() -> tokens.expiry(now.plusSeconds(60), 3), "expiresAt",
                "give expiresAt or expiresInDays, not both");
    }

    @Test
    void anotherUsersTokenIsNotFoundForTheOwnerButRevocableByAnAdmin() {
        AccessTokens.Issued issued = tokens.issue("alice", "ci", clock.instant().plus(Duration.ofDays(30)));

        assertThatThrownBy(() -> tokens.revoke(issued.view().id(), "bob", "bob"))
                .isInstanceOfSatisfying(LedgerException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo("TOKEN_NOT_FOUND"));
        assertThat(tokens.list("alice")).singleElement().extracting(AccessTokens.TokenView::status)
                .isEqualTo(AccessTokens.Status.ACTIVE);

        AccessTokens.TokenView revoked = tokens.revoke(issued.view().id(), null, "root");
        assertThat(revoked.status()).isEqualTo(AccessTokens.Status.REVOKED);
        assertThat(revoked.revokedBy()).isEqualTo("root");
    }

    private Authentication passes(String token) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/board");
        request.addHeader("Authorization", "Bearer " + token);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<Authentication> seen = new AtomicReference<>();
        filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req,
                                   jakarta.servlet.http.HttpServletResponse res) {
                seen.set(SecurityContextHolder.getContext().getAuthentication());
            }
        }));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(seen.get()).isInstanceOf(BearerTokenFilter.BearerAuthentication.class);
        assertThat(SecurityContextHolder.getContext().getAuthentication()).as("cleared after the request").isNull();
        return seen.get();
    }

    private void assertRefused(String token, String detail) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/board");
        request.addHeader("Authorization", "Bearer " + token);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("the request goes no further").isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        JsonNode problem = JSON.readTree(response.getContentAsByteArray());
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(problem.path("detail").asText()).isEqualTo(detail);
    }

    private static void assertRefusedField(Runnable call, String field, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(LedgerException.class, refusal -> {
            assertThat(refusal.field()).contains(field);
            assertThat(refusal.getMessage()).isEqualTo(message);
        });
    }

    private Instant lastUsed() {
        return jdbc.queryForObject("SELECT last_used_at FROM access_token", java.time.OffsetDateTime.class)
                .toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    private void configure(String name, String... roles) {
        configured.put(name, User.withUsername(name).password("{noop}x").roles(roles).build());
    }
}
