package org.pipelineledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pipelineledger.query.support.ReadModelTables;
import org.pipelineledger.query.testing.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The versioned tables of a rebuild (ADR 0019): every read model's tables are known to {@link ReadModelTables}, a
 * version made from {@code read-models/<name>.sql} has the very columns of the migrations' tables, and a statement
 * is rewritten to the live version, table names only.
 */
class ReadModelVersionsTest {

    private static final Set<String> NOT_READ_MODELS = Set.of("tokenentry", "deadletterentry", "read_model_version",
            "flyway_schema_history",
            "ledger_node");

    private final NamedParameterJdbcTemplate named = TestDatabase.migrated();
    private final JdbcTemplate jdbc = named.getJdbcTemplate();

    @Test
    void theTablesAreTheProcessingGroupsAndEveryTableTheMigrationsMake() {
        assertThat(List.copyOf(ReadModelTables.TABLES.keySet())).isEqualTo(ProcessingConfiguration.PROCESSING_GROUPS);
        Set<String> migrated = new HashSet<>(jdbc.queryForList("SELECT LOWER(table_name) FROM information_schema.tables"
                + " WHERE LOWER(table_schema) IN ('public')", String.class));
        migrated.removeAll(NOT_READ_MODELS);
        Set<String> known = new HashSet<>();
        ReadModelTables.TABLES.values().forEach(known::addAll);
        assertThat(known).isEqualTo(migrated);
    }

    @Test
    void aVersionHasTheColumnsOfTheMigratedTables() {
        for (String readModel : ReadModelTables.TABLES.keySet()) {
            ReadModelRebuilds.ddl(readModel, 2).forEach(jdbc::execute);
            for (String table : ReadModelTables.TABLES.get(readModel)) {
                assertThat(columns(ReadModelTables.name(table, 2))).as(table).isEqualTo(columns(table))
                        .isNotEmpty();
            }
        }
    }

    @Test
    void aStatementNamesTheLiveVersionOfEachReadModelsTables() {
        ReadModelTables tables = new ReadModelTables(jdbc);
        String sql = "SELECT b.opportunity_id FROM board_opportunity b JOIN slip_opportunity s"
                + " ON s.opportunity_id = b.opportunity_id WHERE b.board_opportunity_note IS NULL";
        assertThat(tables.rewrite(sql)).isEqualTo(sql);

        jdbc.update("UPDATE read_model_version SET version = 3 WHERE read_model = 'board'");
        tables.refresh();

        assertThat(tables.rewrite(sql)).isEqualTo("SELECT b.opportunity_id FROM board_opportunity_v3 b JOIN"
                + " slip_opportunity s ON s.opportunity_id = b.opportunity_id WHERE b.board_opportunity_note IS NULL");
        assertThat(tables.rewrite("DELETE FROM BOARD_STAGE_TOTAL")).isEqualTo("DELETE FROM board_stage_total_v3");
        assertThat(tables.liveVersion("board")).isEqualTo(3);
    }

    private List<String> columns(String table) {
        return jdbc.queryForList("SELECT LOWER(column_name) || ' ' || data_type || ' ' || is_nullable"
                        + " || ' ' || COALESCE(CAST(character_maximum_length AS VARCHAR(20)), '')"
                        + " || ' ' || COALESCE(CAST(numeric_precision AS VARCHAR(20)), '')"
                        + " || ' ' || COALESCE(CAST(numeric_scale AS VARCHAR(20)), '')"
                        + " FROM information_schema.columns WHERE LOWER(table_name) = ? ORDER BY ordinal_position",
                String.class, table.toLowerCase(Locale.ROOT));
    }
}
