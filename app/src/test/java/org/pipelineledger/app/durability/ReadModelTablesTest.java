package org.pipelineledger.app.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The crash test's table guard on the schema the migrations build today, without the crash test's processes: every
 * table is either compared or named as something else, a new one fails the dump, and the comparison sees a changed
 * row but not a new stay number.
 */
class ReadModelTablesTest {

    private Connection database;

    @BeforeEach
    void migrate() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").load().migrate();
        database = DriverManager.getConnection(url, "sa", "");
    }

    @AfterEach
    void close() throws SQLException {
        execute("SHUTDOWN");
        database.close();
    }

    @Test
    void everyTableTheMigrationsCreateIsComparedOrNamedAsSomethingElse() throws SQLException {
        assertThat(ReadModelTables.dump(database)).containsOnlyKeys(ReadModelTables.READ_MODELS.keySet());
    }

    @Test
    void aTableThatIsNeitherComparedNorNamedFailsTheDump() throws SQLException {
        execute("CREATE TABLE forecast_week (opportunity_id VARCHAR(64) PRIMARY KEY, week INTEGER)");

        assertThatThrownBy(() -> ReadModelTables.dump(database))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[forecast_week]");
    }

    @Test
    void aStayRecordedAgainUnderAnotherNumberIsTheSameRowAndAChangedOneIsNot() throws SQLException {
        insertStay(30);
        Map<String, List<String>> projected = ReadModelTables.dump(database);

        ReadModelTables.empty(database);
        insertStay(30);
        Map<String, List<String>> rebuilt = ReadModelTables.dump(database);
        assertThat(ReadModelTables.differences(projected, rebuilt, 10)).isEmpty();

        execute("UPDATE dis_stay SET duration_seconds = 31");
        assertThat(ReadModelTables.differences(projected, ReadModelTables.dump(database), 10))
                .containsOnlyKeys("dis_stay");
    }

    private void insertStay(long seconds) throws SQLException {
        execute("INSERT INTO dis_stay (opportunity_id, entered_seq, pipeline, stage, entered_at, exited_seq, exited_at,"
                + " duration_seconds) VALUES ('acme', 0, 'default', 'PROSPECTING', TIMESTAMP WITH TIME ZONE"
                + " '2026-01-05 09:00:00+00', 1, TIMESTAMP WITH TIME ZONE '2026-01-05 09:00:30+00', " + seconds + ")");
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = database.createStatement()) {
            statement.execute(sql);
        }
    }
}
