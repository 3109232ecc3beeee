package org.pipelineledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.postgres.Postgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V23 and the token store on a real PostgreSQL 17 (the production store): timestamps with time zones, the conditional
 * write of the last use, and the operator's SQL of docs/operations/tokens.md.
 */
class AccessTokensOnPostgresTest {

    @Test
    void tokensLiveOnPostgresAsOnH2() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(Postgres.shared().newDatabase(), "postgres", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        MovableClock clock = new MovableClock(Instant.parse("2027-01-04T09:00:00.123456Z"));
        AccessTokens tokens = new AccessTokens(jdbc, clock);

        AccessTokens.Issued issued = tokens.issue("alice", "ci", clock.instant().plus(Duration.ofDays(1)));
        assertThat(tokens.authenticate(issued.token()).user()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(30));
        tokens.authenticate(issued.token());
        assertThat(tokens.list("alice")).singleElement().satisfies(token -> {
            assertThat(token.createdAt()).isEqualTo(issued.view().createdAt());
            assertThat(token.lastUsedAt()).isEqualTo(Instant.parse("2027-01-04T09:00:00.123456Z"));
        });

        clock.advance(Duration.ofDays(1));
        assertThat(tokens.authenticate(issued.token()).refusal()).startsWith("The bearer token expired at ");

        AccessTokens.Issued other = tokens.issue("bob", "report", clock.instant().plus(Duration.ofDays(30)));
        assertThat(tokens.revoke(other.view().id(), null, "admin").status()).isEqualTo(AccessTokens.Status.REVOKED);
        assertThat(tokens.authenticate(other.token()).refusal()).startsWith("The bearer token was revoked at ");

        // the operator's SQL (docs/operations/tokens.md) runs as written
        AccessTokens.Issued third = tokens.issue("carol", "x", clock.instant().plus(Duration.ofDays(30)));
        assertThat(jdbc.update("UPDATE access_token SET revoked_at = CURRENT_TIMESTAMP, revoked_by = 'operator'"
                + " WHERE revoked_at IS NULL")).isEqualTo(2);
        assertThat(tokens.authenticate(third.token()).accepted()).isFalse();
        assertThat(jdbc.update("DELETE FROM access_token"
                + " WHERE (revoked_at IS NOT NULL AND revoked_at < CURRENT_TIMESTAMP - INTERVAL '90' DAY)"
                + "    OR expires_at < CURRENT_TIMESTAMP - INTERVAL '90' DAY")).isZero();
    }
}
