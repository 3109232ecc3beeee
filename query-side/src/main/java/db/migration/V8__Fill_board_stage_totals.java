package db.migration;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.pipelineledger.query.board.StageTotals;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Fills {@code board_stage_total} (V7) from a board built before it existed: one increment per open deal and per
 * completed stay, bucketed by the deal id's hash as the projection does ({@link StageTotals#bucketOf}), which SQL
 * cannot compute portably. On an empty database it writes nothing.
 */
public class V8__Fill_board_stage_totals extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        StageTotals.Deltas totals = new StageTotals.Deltas();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT opportunity_id, pipeline, stage, amount FROM board_opportunity WHERE status = 'OPEN'")) {
                while (rs.next()) {
                    BigDecimal amount = rs.getBigDecimal("amount");
                    totals.openDeal(rs.getString("pipeline"), rs.getString("stage"), rs.getString("opportunity_id"),
                            amount, +1);
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT opportunity_id, pipeline, stage, duration_seconds FROM board_completed_stay")) {
                while (rs.next()) {
                    totals.completedStay(rs.getString("pipeline"), rs.getString("stage"),
                            rs.getString("opportunity_id"), rs.getLong("duration_seconds"));
                }
            }
        }
        // Flyway's connection, in Flyway's transaction; not closed here
        totals.writeTo(new NamedParameterJdbcTemplate(new SingleConnectionDataSource(connection, true)));
    }
}
