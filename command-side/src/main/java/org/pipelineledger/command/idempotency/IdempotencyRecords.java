package org.pipelineledger.command.idempotency;

import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * The table {@code idempotency_record}: one row per user and key, holding the request's fingerprint and the answer
 * it was given. Plain JDBC through Spring's {@link JdbcTemplate}, so an insert made while a command is handled joins
 * that command's transaction (Axon's unit of work runs in a Spring transaction) and commits or rolls back with its
 * events.
 */
final class IdempotencyRecords {

    /** A user's key as the command that claims it carries it, with the deal its answer will name. */
    record Claim(String principal, String key, String fingerprint, String opportunityId) {
    }

    /** What is stored under a user's key. */
    record Stored(String fingerprint, RecordedAnswer answer) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IdempotencyRecords(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Stored> find(String principal, String key) {
        List<Stored> rows = jdbc.query("""
                SELECT fingerprint, opportunity_id, deal_version FROM idempotency_record
                WHERE principal = ? AND idempotency_key = ?""",
                (rs, row) -> new Stored(rs.getString(1), new RecordedAnswer(rs.getString(2), rs.getLong(3))),
                principal, key);
        return rows.stream().findFirst();
    }

    /**
     * Records the answer under the claim's key, in the caller's transaction.
     *
     * @throws IdempotencyKeyTaken when another transaction holds the key, committed or not
     */
    void insert(Claim claim, long version) {
        try {
            jdbc.update("""
                    INSERT INTO idempotency_record
                        (principal, idempotency_key, fingerprint, opportunity_id, deal_version, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)""",
                    claim.principal(), claim.key(), claim.fingerprint(), claim.opportunityId(), version,
                    timestamp(clock.instant()));
        } catch (DataAccessException e) {
            if (takenElsewhere(e)) {
                throw new IdempotencyKeyTaken(claim.key(), e);
            }
            throw e;
        }
    }

    /** Removes the records made before {@code cutoff}, by a range of the index on their time. */
    int purgeOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?", timestamp(cutoff));
    }

    /**
     * Whether the insert failed because another transaction has the same key: a unique violation (23505, on H2 and
     * PostgreSQL) once it committed; while it is still open, H2 refuses at once with "concurrent update" (90131) or
     * reports a lock timeout (HYT00), and PostgreSQL waits for it and then reports the unique violation, or a
     * serialization failure or deadlock (class 40) or a lock timeout (55P03) where the database is set up for them.
     */
    private static boolean takenElsewhere(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("23505") || state.equals("90131") || state.equals("HYT00") || state.startsWith("40")
                        || state.equals("55P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static SqlParameterValue timestamp(Instant instant) {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
