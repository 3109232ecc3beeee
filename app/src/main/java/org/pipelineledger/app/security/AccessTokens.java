package org.pipelineledger.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Personal access tokens (ADR 0020): issued to a user, shown once, stored as the SHA-256 of the token, refused once
 * revoked or expired. The token carries no roles: whoever presents it is its user with the roles configured now.
 * <p>
 * {@code @Lazy}: the web slice tests scan this package without a database; the application's first token request
 * creates it.
 */
@Component
@Lazy
class AccessTokens {

    static final String PREFIX = "pl_";
    /** 32 random bytes (256 bits), base64url without padding: 43 characters. */
    static final Pattern FORMAT = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    static final int SECRET_BYTES = 32;
    static final int MAX_NAME_LENGTH = 100;
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);
    static final Duration MAX_LIFETIME = Duration.ofDays(365);
    /** "Last used" to the minute: a token used a thousand times a second writes its row once a minute, not per use. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** What a list shows of a token: everything but the secret, which is not kept. */
    record TokenView(String id, String user, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                     Instant revokedAt, String revokedBy, Status status) {
    }

    enum Status { ACTIVE, EXPIRED, REVOKED }

    /** A token just issued: the only time {@code token} is seen. */
    record Issued(String token, TokenView view) {
    }

    /** The result of presenting a token: its user and id, or why it is refused (in words for the caller). */
    record Verdict(String user, String tokenId, String refusal) {

        static Verdict refused(String why) {
            return new Verdict(null, null, why);
        }

        boolean accepted() {
            return refusal == null;
        }
    }

    private static final String COLUMNS =
            "id, user_name, name, created_at, expires_at, last_used_at, revoked_at, revoked_by";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AccessTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new token for {@code user}, valid until {@code expiresAt} (already checked by the caller). */
    Issued issue(String user, String name, Instant expiresAt) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        // stored to the microsecond, as both databases keep it, so the answer shows what a list will show
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expires = expiresAt.truncatedTo(ChronoUnit.MICROS);
        jdbc.update("INSERT INTO access_token (id, user_name, name, secret_hash, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                id, user, name, hash(token), timestamp(now), timestamp(expires));
        return new Issued(token, new TokenView(id, user, name, now, expires, null, null, null, Status.ACTIVE));
    }

    /** The expiry a request asks for, or the default; refused when in the past or beyond the maximum. */
    Instant expiry(Instant expiresAt, Integer expiresInDays) {
        Instant now = clock.instant();
        if (expiresAt != null && expiresInDays != null) {
            throw LedgerException.invalidField("expiresAt", "give expiresAt or expiresInDays, not both");
        }
        if (expiresInDays != null) {
            if (expiresInDays < 1 || expiresInDays > MAX_LIFETIME.toDays()) {
                throw LedgerException.invalidField("expiresInDays",
                        "must be between 1 and " + MAX_LIFETIME.toDays());
            }
            return now.plus(Duration.ofDays(expiresInDays));
        }
        if (expiresAt == null) {
            return now.plus(DEFAULT_LIFETIME);
        }
        if (!expiresAt.isAfter(now)) {
            throw LedgerException.invalidField("expiresAt", "must be in the future");
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw LedgerException.invalidField("expiresAt",
                    "must be at most " + MAX_LIFETIME.toDays() + " days from now");
        }
        return expiresAt;
    }

    /** {@code user}'s tokens, newest first; {@code null} for every user's. */
    List<TokenView> list(String user) {
        Instant now = clock.instant();
        return user == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM access_token ORDER BY created_at DESC, id",
                        (rs, n) -> view(rs, now))
                : jdbc.query("SELECT " + COLUMNS + " FROM access_token WHERE user_name = ? ORDER BY created_at DESC,"
                        + " id", (rs, n) -> view(rs, now), user);
    }

    /**
     * Revokes a token of {@code owner} (any user's when {@code owner} is null: an ADMIN). Someone else's token is
     * "not found", as an unknown one is: its existence is nobody else's business. Revoking again changes nothing.
     */
    TokenView revoke(String id, String owner, String revokedBy) {
        TokenView token = find(id).filter(found -> owner == null || found.user().equals(owner))
                .orElseThrow(() -> new LedgerException(ProblemCode.TOKEN_NOT_FOUND, "no token with id '" + id + "'"));
        if (token.revokedAt() == null) {
            jdbc.update("UPDATE access_token SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                    timestamp(clock.instant().truncatedTo(ChronoUnit.MICROS)), revokedBy, id);
        }
        return find(id).orElseThrow();
    }

    /**
     * Who presents {@code token}: looked up by its hash on every request (a revocation on any node holds at once),
     * and its last use noted at most once a {@link #LAST_USED_RESOLUTION}.
     */
    Verdict authenticate(String token) {
        if (!FORMAT.matcher(token).matches()) {
            return Verdict.refused("The bearer token is not a Pipeline Ledger token (pl_ and 43 characters).");
        }
        List<Verdict> found = jdbc.query("SELECT id, user_name, expires_at, revoked_at, last_used_at FROM access_token"
                + " WHERE secret_hash = ?", (rs, n) -> check(rs), hash(token));
        return found.isEmpty()
                ? Verdict.refused("The bearer token is not known here: it was never issued, or is mistyped.")
                : found.get(0);
    }

    private Verdict check(ResultSet rs) throws SQLException {
        Instant now = clock.instant();
        Instant revoked = instant(rs, "revoked_at");
        if (revoked != null) {
            return Verdict.refused("The bearer token was revoked at " + revoked + "; issue a new one.");
        }
        Instant expires = instant(rs, "expires_at");
        if (!now.isBefore(expires)) {
            return Verdict.refused("The bearer token expired at " + expires + "; issue a new one.");
        }
        String id = rs.getString("id");
        Instant lastUsed = instant(rs, "last_used_at");
        if (lastUsed == null || !now.isBefore(lastUsed.plus(LAST_USED_RESOLUTION))) {
            // the condition keeps several nodes (or threads) from all writing the same minute's use
            Instant noted = now.truncatedTo(ChronoUnit.MICROS);
            jdbc.update("UPDATE access_token SET last_used_at = ? WHERE id = ?"
                            + " AND (last_used_at IS NULL OR last_used_at <= ?)",
                    timestamp(noted), id, timestamp(noted.minus(LAST_USED_RESOLUTION)));
        }
        return new Verdict(rs.getString("user_name"), id, null);
    }

    private Optional<TokenView> find(String id) {
        Instant now = clock.instant();
        return jdbc.query("SELECT " + COLUMNS + " FROM access_token WHERE id = ?", (rs, n) -> view(rs, now), id)
                .stream().findFirst();
    }

    private static TokenView view(ResultSet rs, Instant now) throws SQLException {
        Instant expires = instant(rs, "expires_at");
        Instant revoked = instant(rs, "revoked_at");
        Status status = revoked != null ? Status.REVOKED : now.isBefore(expires) ? Status.ACTIVE : Status.EXPIRED;
        return new TokenView(rs.getString("id"), rs.getString("user_name"), rs.getString("name"),
                instant(rs, "created_at"), expires, instant(rs, "last_used_at"), revoked, rs.getString("revoked_by"),
                status);
    }

    /**
     * SHA-256, not bcrypt: the secret is 256 random bits, so there is no dictionary to slow down, and a lookup by
     * hash keeps a request at a fraction of a millisecond (ADR 0020).
     */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static SqlParameterValue timestamp(Instant instant) {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
