package org.pipelineledger.query.board;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pipelineledger.events.StageKey;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The board's running totals, one row per stage ({@code board_stage_total}): open deals and their amount, completed
 * stays and their seconds, so that the board's counts and averages never scan the deals (ADR 0007).
 */
final class StageTotals {

    private StageTotals() {
    }

    /** One stage's totals. */
    record Totals(long openCount, BigDecimal openAmount, long stayCount, long staySeconds) {

        /** A stage no deal has been in yet. */
        static final Totals NONE = new Totals(0, BigDecimal.ZERO, 0, 0);

        /** Mean completed stay in seconds, or {@code null} while no stay in the stage has completed. */
        Double averageStaySeconds() {
            return stayCount == 0 ? null : (double) staySeconds / stayCount;
        }
    }

    /** Every stage of the pipeline that has totals. */
    static Map<String, Totals> read(NamedParameterJdbcTemplate jdbc, String pipeline) {
        Map<String, Totals> totals = new LinkedHashMap<>();
        jdbc.query("""
                SELECT stage, open_count, open_amount, stay_count, stay_seconds
                FROM board_stage_total WHERE pipeline = :pipeline""",
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

    /** Increments to the totals, summed per stage while a batch is applied, and written in one go. */
    static final class Deltas {

        // sorted, so that concurrent writers (several segments) lock the rows in the same order and never deadlock
        private final Map<Key, Delta> deltas = new TreeMap<>(
                Comparator.comparing(Key::pipeline).thenComparing(Key::stage));

        /** A deal is open in the stage with this amount ({@code sign} +1), or no longer is ({@code sign} -1). */
        void openDeal(String pipeline, StageKey stage, BigDecimal amount, int sign) {
            Delta delta = delta(pipeline, stage);
            delta.openCount += sign;
            if (amount != null) {
                delta.openAmount = sign > 0 ? delta.openAmount.add(amount) : delta.openAmount.subtract(amount);
            }
        }

        /** A deal's stay in the stage completed after {@code seconds}. */
        void completedStay(String pipeline, StageKey stage, long seconds) {
            Delta delta = delta(pipeline, stage);
            delta.stayCount += 1;
            delta.staySeconds += seconds;
        }

        /** Adds the increments to the table, creating the rows not there yet, and forgets them. */
        void writeTo(NamedParameterJdbcTemplate jdbc) {
            SqlParameterSource[] changed = deltas.entrySet().stream()
                    .filter(entry -> !entry.getValue().isZero())
                    .map(entry -> entry.getValue().parameters(entry.getKey()))
                    .toArray(SqlParameterSource[]::new);
            deltas.clear();
            if (changed.length == 0) {
                return;
            }
            int[] updated = jdbc.batchUpdate("""
                    UPDATE board_stage_total
                    SET open_count = open_count + :openCount, open_amount = open_amount + :openAmount,
                        stay_count = stay_count + :stayCount, stay_seconds = stay_seconds + :staySeconds
                    WHERE pipeline = :pipeline AND stage = :stage""", changed);
            List<SqlParameterSource> missing = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(changed[i]);
                }
            }
            if (!missing.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO board_stage_total (pipeline, stage, open_count, open_amount, stay_count,
                            stay_seconds)
                        VALUES (:pipeline, :stage, :openCount, :openAmount, :stayCount, :staySeconds)""",
                        missing.toArray(SqlParameterSource[]::new));
            }
        }

        private Delta delta(String pipeline, StageKey stage) {
            return deltas.computeIfAbsent(new Key(pipeline, stage.value()), key -> new Delta());
        }
    }

    private record Key(String pipeline, String stage) {
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
                    .addValue("openCount", openCount)
                    .addValue("openAmount", openAmount)
                    .addValue("stayCount", stayCount)
                    .addValue("staySeconds", staySeconds);
        }
    }
}
