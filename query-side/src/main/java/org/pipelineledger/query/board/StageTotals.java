package org.pipelineledger.query.board;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pipelineledger.events.DealStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One stage's running totals ({@code board_stage_total}, kept by {@link BoardBatch}): open deals and their amount,
 * completed stays and their seconds, so that the board's counts and averages never scan the deals (ADR 0007).
 */
record StageTotals(long openCount, BigDecimal openAmount, long stayCount, long staySeconds) {

    /** A stage no deal has been in yet. */
    static final StageTotals NONE = new StageTotals(0, BigDecimal.ZERO, 0, 0);

    /**
     * Every stage of the pipeline that has totals, by stage key. With an {@code owner}, only that owner's open deals
     * are counted, read from the deals; the stays stay everyone's, as the stale rule wants.
     */
    static Map<String, StageTotals> read(NamedParameterJdbcTemplate jdbc, String pipeline, String owner) {
        Map<String, StageTotals> everyone = new LinkedHashMap<>();
        jdbc.query("""
                SELECT stage, open_count, open_amount, stay_count, stay_seconds
                FROM board_stage_total WHERE pipeline = :pipeline""",
                new MapSqlParameterSource("pipeline", pipeline),
                (ResultSet rs) -> {
                    everyone.put(rs.getString("stage"), new StageTotals(rs.getLong("open_count"),
                            rs.getBigDecimal("open_amount"), rs.getLong("stay_count"), rs.getLong("stay_seconds")));
                });
        if (owner == null) {
            return everyone;
        }
        Map<String, StageTotals> owned = new LinkedHashMap<>();
        everyone.forEach((stage, totals) -> owned.put(stage,
                new StageTotals(0, BigDecimal.ZERO, totals.stayCount(), totals.staySeconds())));
        jdbc.query("""
                SELECT stage, COUNT(*) AS open_count, SUM(amount) AS open_amount
                FROM board_opportunity
                WHERE pipeline = :pipeline AND status = :status AND owner = :owner
                GROUP BY stage""",
                new MapSqlParameterSource("pipeline", pipeline).addValue("status", DealStatus.OPEN.name())
                        .addValue("owner", owner),
                (ResultSet rs) -> {
                    StageTotals stays = everyone.getOrDefault(rs.getString("stage"), NONE);
                    BigDecimal amount = rs.getBigDecimal("open_amount");
                    owned.put(rs.getString("stage"), new StageTotals(rs.getLong("open_count"),
                            amount == null ? BigDecimal.ZERO : amount, stays.stayCount(), stays.staySeconds()));
                });
        return owned;
    }

    /** Mean completed stay in seconds, or {@code null} while no stay in the stage has completed. */
    Double averageStaySeconds() {
        return stayCount == 0 ? null : (double) staySeconds / stayCount;
    }
}
