package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A rebuild survives a restart of its node (ADR 0019): the application stopped while a rebuild is under way goes on
 * with it from the rebuild's token when it starts again on the same H2 file, and switches to the new version, which
 * has every deal.
 */
class ReadModelRebuildRestartIT {

    private static final int DEALS = 60;

    @TempDir
    Path directory;

    private String stateOnFile() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:"
                + directory.resolve("ledger").toAbsolutePath(), "sa", "");
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT state FROM read_model_version WHERE read_model = 'slippage'")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    @Test
    void aRebuildUnderWayWhenTheNodeStopsGoesOnAfterItStartsAgain() throws SQLException {
        try (ConfigurableApplicationContext first = LedgerOnFiles.start(directory, Map.of())) {
            LedgerHttp http = LedgerHttp.on(first);
            for (int i = 0; i < DEALS; i++) {
                String id = "restart-rebuild-" + i;
                assertThat(http.post("rep", "/api/opportunities", body("id", id, "name", "Deal " + i, "account", "A",
                        "stage", "QUALIFIED", "amount", 100 + i, "closeDate", "2031-06-30")).status()).isEqualTo(201);
                assertThat(http.post("rep", "/api/opportunities/" + id + "/close-date", body("closeDate",
                        "2031-08-31", "reason", "Later")).status()).isEqualTo(200);
            }
            http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean());
            assertThat(http.post("admin", "/api/admin/read-models/slippage/rebuild", null).status()).isEqualTo(202);
        }
        assertThat(stateOnFile()).as("stopped while the rebuild was under way").isEqualTo("BUILDING");
        try (ConfigurableApplicationContext second = LedgerOnFiles.start(directory, Map.of())) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            LedgerHttp http = LedgerHttp.on(second);
            JsonNode status = http.awaitJson("/api/read-models/status", s -> s.path("rebuilds").size() == 1
                    && s.path("rebuilds").get(0).path("state").asText().equals("SWITCHED"));
            JsonNode rebuild = status.path("rebuilds").get(0);
            assertThat(rebuild.path("readModel").asText()).isEqualTo("slippage");
            assertThat(rebuild.path("version").asInt()).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM slip_opportunity_v2 WHERE opportunity_id LIKE"
                    + " 'restart-rebuild-%'", Long.class)).isEqualTo(DEALS);
            JsonNode report = http.get("analyst", "/api/reports/slippage").json();
            assertThat(report.toString()).contains("restart-rebuild-0");
        }
    }
}
