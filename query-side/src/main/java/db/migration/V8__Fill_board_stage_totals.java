package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code board_stage_total} (V7) from a board built before it existed: each stage's open deals and completed
 * stays, all in bucket 0 (V14 sums the buckets into one row per stage). On an empty database it writes nothing.
 * Plain SQL since issue 18, so that it does not depend on the projection's code of the day.
 */
public class V8__Fill_board_stage_totals extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        // Flyway's connection, in Flyway's transaction; not closed here
        try (Statement statement = context.getConnection().createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO board_stage_total (pipeline, stage, bucket, open_count, open_amount, stay_count,
                        stay_seconds)
                    SELECT pipeline, stage, 0, SUM(open_count), SUM(open_amount), SUM(stay_count), SUM(stay_seconds)
                    FROM (
                        SELECT pipeline, stage, 1 AS open_count, COALESCE(amount, 0) AS open_amount,
                            0 AS stay_count, 0 AS stay_seconds
                        FROM board_opportunity WHERE status = 'OPEN'
                        UNION ALL
                        SELECT pipeline, stage, 0, 0, 1, duration_seconds FROM board_completed_stay
                    ) increments
                    GROUP BY pipeline, stage""");
        }
    }
}
