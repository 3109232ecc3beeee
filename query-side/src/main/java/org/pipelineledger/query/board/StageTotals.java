package org.pipelineledger.query.board;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The board's running totals per stage ({@code board_stage_total}): open deals and their amount, completed stays and
 * their seconds. Changes are collected as {@link Deltas} while a batch of events is applied and written once at the
 * end of the batch, as increments, so the table never needs the rows it summarises.
 * <p>
 * Each stage's totals are kept in {@value #BUCKETS} buckets by {@link #bucketOf(String) the deal id's hash}, the hash
 * Axon's segments split on: a deal's events, and so its bucket rows, belong to exactly one segment as long as a
 * processor has at most {@value #BUCKETS} segments.
 */
public final class StageTotals {

    /** Buckets per stage; a power of two, so that every Axon segment (mask {@code 2^n - 1}) owns whole buckets. */
    public static final int BUCKETS = 64;

    private StageTotals() {
    }

    /**
     * The bucket of a deal: the low bits of its id's {@link String#hashCode()}, as in Axon's {@code Segment.matches}
     * for the aggregate identifier that its sequencing policy returns.
     */
    public static int bucketOf(String opportunityId) {
        return opportunityId.hashCode() & (BUCKETS - 1);
    }

    /** One stage's totals, summed over its buckets. */
    record Totals(long openCount, BigDecimal openAmount, long stayCount, long staySeconds) {

        /** A stage no deal has been in yet. */
        static final Totals NONE = new Totals(0, BigDecimal.ZERO, 0, 0);

        /** Mean completed stay in seconds, or {@code null} while no stay in the stage has completed. */
        Double averageStaySeconds() {
            return stayCount == 0 ? null : (double) staySeconds / stayCount;
        }
    }

    /** Every stage of the pipeline that has totals, summed over the buckets. */
    static Map<String, Totals> read(NamedParameterJdbcTemplate jdbc, String pipeline) {
        Map<String, Totals> totals = new LinkedHashMap<>();
        jdbc.query("""
                SELECT stage, SUM(open_count) AS open_count, SUM(open_amount) AS open_amount,
                    SUM(stay_count) AS stay_count, SUM(stay_seconds) AS stay_seconds
                FROM board_stage_total
                WHERE pipeline = :pipeline
                GROUP BY stage""",
                new MapSqlParameterSource("pipeline", pipeline),
                (ResultSet rs) -> {
                    totals.put(rs.getString("stage"), new Totals(rs.getLong("open_count"),
                            rs.getBigDecimal("open_amount"), rs.getLong("stay_count"), rs.getLong("stay_seconds")));
                });
        return totals;
    }

    static void clear(NamedParameterJdbcTemplate jdbc) {
        jdbc.getJdbcTemplate().update("DELETE FROM board_stage_total");
    }

    /** Increments to the totals, summed per row, to be written in one go. */
    public static final class Deltas {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::pipeline)
                .thenComparing(Key::stage).thenComparingInt(Key::bucket);

        // sorted, so that concurrent writers (more than 64 segments) always lock rows in the same order
        private final Map<Key, Delta> deltas = new TreeMap<>(ORDER);

        /** A deal is open in the stage with this amount ({@code sign} +1), or no longer is ({@code sign} -1). */
        public void openDeal(String pipeline, String stage, String opportunityId, BigDecimal amount, int sign) {
            Delta delta = delta(pipeline, stage, opportunityId);
            delta.openCount += sign;
            if (amount != null) {
                delta.openAmount = sign > 0 ? delta.openAmount.add(amount) : delta.openAmount.subtract(amount);
            }
        }

        /** A deal's stay in the stage completed after {@code seconds}. */
        public void completedStay(String pipeline, String stage, String opportunityId, long seconds) {
            Delta delta = delta(pipeline, stage, opportunityId);
            delta.stayCount += 1;
            delta.staySeconds += seconds;
        }

        /** Adds the increments to the table, creating the rows not there yet, and forgets them. */
        public void writeTo(NamedParameterJdbcTemplate jdbc) {
            List<Map.Entry<Key, Delta>> changed = deltas.entrySet().stream()
                    .filter(entry -> !entry.getValue().isZero())
                    .toList();
            deltas.clear();
            if (changed.isEmpty()) {
                return;
            }
            SqlParameterSource[] parameters = changed.stream()
                    .map(entry -> entry.getValue().parameters(entry.getKey()))
                    .toArray(SqlParameterSource[]::new);
            int[] updated = jdbc.batchUpdate("""
                    UPDATE board_stage_total
                    SET open_count = open_count + :openCount, open_amount = open_amount + :openAmount,
                        stay_count = stay_count + :stayCount, stay_seconds = stay_seconds + :staySeconds
                    WHERE pipeline = :pipeline AND stage = :stage AND bucket = :bucket""", parameters);
            List<SqlParameterSource> missing = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(parameters[i]);
                }
            }
            if (!missing.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO board_stage_total (pipeline, stage, bucket, open_count, open_amount, stay_count,
                            stay_seconds)
                        VALUES (:pipeline, :stage, :bucket, :openCount, :openAmount, :stayCount, :staySeconds)""",
                        missing.toArray(SqlParameterSource[]::new));
            }
        }

        private Delta delta(String pipeline, String stage, String opportunityId) {
            return deltas.computeIfAbsent(new Key(pipeline, stage, bucketOf(opportunityId)), key -> new Delta());
        }
    }

    private record Key(String pipeline, String stage, int bucket) {
    }

    private static final class Delta {
        private long openCount;
        private BigDecimal openAmount = BigDecimal.ZERO;
        private long stayCount;
        private long staySeconds;

        boolean isZero() {
            return openCount == 0 && openAmount.signum() == 0 && stayCount == 0 && staySeconds == 0;
        }

        MapSqlParameterSource parameters(Key key) {
            return new MapSqlParameterSource()
                    .addValue("pipeline", key.pipeline())
                    .addValue("stage", key.stage())
                    .addValue("bucket", key.bucket())
                    .addValue("openCount", openCount)
                    .addValue("openAmount", openAmount)
                    .addValue("stayCount", stayCount)
                    .addValue("staySeconds", staySeconds);
        }
    }
}
