package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dead letters are rows of the database (ADR 0012): a deal a read model parked is still parked after the application
 * is stopped and started again on the same H2 file, the status still says so at once, and the retry after the
 * restart makes the read model whole. The fault is a check constraint on the reversions read model's table, which
 * the restart keeps too.
 */
class DeadLettersRestartIT {

    private static final String FAULT = "restart_it_refuses_the_deal";

    @TempDir
    Path directory;

    @Test
    void aParkedDealIsStillParkedAfterARestartAndARetryThenHandlesIt() {
        String deal = "parked-across-restart";
        try (ConfigurableApplicationContext first = LedgerOnFiles.start(directory, Map.of())) {
            first.getBean(JdbcTemplate.class).execute("ALTER TABLE rev_opportunity ADD CONSTRAINT " + FAULT
                    + " CHECK (opportunity_id <> '" + deal + "')");
            LedgerHttp http = LedgerHttp.on(first);
            http.post("rep", "/api/opportunities", body("id", deal, "name", "Parked", "account", "Acme",
                    "stage", "DISCOVERY", "amount", 5000, "closeDate", "2027-06-30")).version();
            http.post("rep", "/api/opportunities/" + deal + "/stage", body("stage", "QUALIFIED",
                    "reason", "BUDGET", "note", "Budget frozen")).version();
            http.awaitJson("/api/read-models/status", status -> parkedEvents(status) == 2);
        }

        try (ConfigurableApplicationContext second = LedgerOnFiles.start(directory, Map.of())) {
            LedgerHttp http = LedgerHttp.on(second);
            JsonNode status = http.get("analyst", "/api/read-models/status").json();
            assertThat(parkedEvents(status)).as("read at once after the restart").isEqualTo(2);
            assertThat(status.path("parked").get(0).path("readModel").asText()).isEqualTo("reversions");

            second.getBean(JdbcTemplate.class).execute("ALTER TABLE rev_opportunity DROP CONSTRAINT " + FAULT);
            JsonNode retried = http.post("admin", "/api/admin/dead-letters/reversions/" + deal + "/retry", null)
                    .json();
            assertThat(retried.path("handled").asBoolean()).as(retried.toString()).isTrue();
            JsonNode reversions = http.get("analyst", "/api/reports/reversions").json();
            assertThat(reversions.path("reversions").findValuesAsText("id")).contains(deal);
            http.awaitJson("/api/read-models/status", s -> s.path("upToDate").asBoolean());
        }
    }

    /** The events parked for the one parked deal, or 0 while none is parked. */
    private static int parkedEvents(JsonNode status) {
        JsonNode parked = status.path("parked");
        return parked.size() == 1 ? parked.get(0).path("events").size() : 0;
    }
}
