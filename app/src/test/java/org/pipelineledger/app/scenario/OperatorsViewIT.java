package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The operators' view over HTTP (docs/operations/metrics.md): {@code /actuator/prometheus} after a few commands,
 * dead letters and an import, the health probes, and the API's description in a browser. A context of its own, so
 * the figures are this class's alone; they are still compared before and after, as the tests share the context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.test.context=operators-view")
// Spring Boot's tests switch the metrics' export off unless asked for it
@AutoConfigureObservability(tracing = false)
@ActiveProfiles({"embedded", "test"})
class OperatorsViewIT {

    private static final String COMMANDS = "ledger_commands_seconds";
    private static final String EVENTS = "ledger_events_appended_total";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private LedgerHttp http;

    @BeforeEach
    void client() {
        http = new LedgerHttp(port);
    }

    private Scrape scrape() {
        return Scrape.of(http.get("admin", "/actuator/prometheus"));
    }

    private static String newDeal() {
        return "obs-" + UUID.randomUUID();
    }

    @Test
    void everyCommandIsTimedByTypeAndByOutcomeAsTheApiAnswersIt() {
        String deal = newDeal();
        Scrape before = scrape();

        http.post("rep", "/api/opportunities", body("id", deal, "name", "Metered", "account", "Acme", "amount", 1000,
                "closeDate", "2027-06-30")).version();
        assertProblem(http.post("rep", "/api/opportunities", body("id", deal, "name", "Again", "account", "Acme",
                "amount", 1000, "closeDate", "2027-06-30")), 409, "OPPORTUNITY_EXISTS");
        http.post("rep", "/api/opportunities/" + deal + "/stage", body("stage", "DISCOVERY")).version();
        assertProblem(http.post("rep", "/api/opportunities/" + deal + "/stage", body("stage", "DISCOVERY")), 409,
                "ALREADY_IN_STAGE");
        assertProblem(http.post("rep", "/api/opportunities/" + deal + "/stage", body("stage", "PROPOSAL",
                "expectedVersion", 0)), 409, "STALE_VERSION");
        assertProblem(http.post("rep", "/api/opportunities/" + newDeal() + "/stage", body("stage", "DISCOVERY")),
                404, "OPPORTUNITY_NOT_FOUND");
        assertProblem(http.post("rep", "/api/opportunities/" + deal + "/stage", body("stage", "PROSPECTING")), 422,
                "REVERSION_REASON_REQUIRED");
        assertProblem(http.post("rep2", "/api/opportunities/" + deal + "/stage", body("stage", "PROPOSAL")), 403,
                "NOT_DEAL_OWNER");
        // refused at the HTTP edge: no command was sent, so none is counted
        assertProblem(http.post("analyst", "/api/opportunities/" + deal + "/stage", body("stage", "PROPOSAL")), 403,
                "ACCESS_DENIED");
        assertProblem(http.post("rep", "/api/opportunities/" + deal + "/stage", "{\"stage\":"), 400,
                "MALFORMED_REQUEST");

        Scrape after = scrape();
        assertThat(after.type(COMMANDS)).isEqualTo("histogram");
        assertThat(counted(before, after, "CreateOpportunity", "ok")).isEqualTo(1);
        assertThat(counted(before, after, "CreateOpportunity", "conflict")).isEqualTo(1);
        assertThat(counted(before, after, "MoveToStage", "ok")).isEqualTo(1);
        assertThat(counted(before, after, "MoveToStage", "conflict")).isEqualTo(2);
        assertThat(counted(before, after, "MoveToStage", "not_found")).isEqualTo(1);
        assertThat(counted(before, after, "MoveToStage", "rejected")).isEqualTo(2);
        assertThat(counted(before, after, "MoveToStage", "error")).isZero();
        // a histogram: its buckets end with every command, and the time spent is there
        // the exposition writes a bucket's bound after the other labels
        assertThat(after.value(COMMANDS + "_bucket", "command", "MoveToStage", "outcome", "ok", "le", "+Inf"))
                .isEqualTo(after.value(COMMANDS + "_count", "command", "MoveToStage", "outcome", "ok"));
        assertThat(after.value(COMMANDS + "_sum", "command", "MoveToStage", "outcome", "ok")).isPositive();

        // the second creation applied its event too, but its append failed and rolled back: not counted
        assertThat(after.type(EVENTS)).isEqualTo("counter");
        assertThat(after.value(EVENTS, "type", "OpportunityCreated") - before.value(EVENTS, "type",
                "OpportunityCreated")).isEqualTo(1);
        assertThat(after.value(EVENTS, "type", "StageAdvanced") - before.value(EVENTS, "type", "StageAdvanced"))
                .isEqualTo(1);
        assertThat(after.value(EVENTS, "type", "StageReverted") - before.value(EVENTS, "type", "StageReverted"))
                .isZero();
    }

    private static double counted(Scrape before, Scrape after, String command, String outcome) {
        return after.value(COMMANDS + "_count", "command", command, "outcome", outcome)
                - before.value(COMMANDS + "_count", "command", command, "outcome", outcome);
    }

    @Test
    void aProcessorAtTheHeadLagsNeitherInEventsNorInSeconds() {
        String deal = newDeal();
        http.post("rep", "/api/opportunities", body("id", deal, "name", "Followed", "account", "Acme", "amount", 10,
                "closeDate", "2027-06-30")).version();
        http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = scrape();
            assertThat(scrape.type("ledger_processor_lag_events")).isEqualTo("gauge");
            assertThat(scrape.samples()).containsEntry(Scrape.key("ledger_processor_lag_events", "processor",
                    "projections"), 0.0);
            assertThat(scrape.samples()).containsEntry(Scrape.key("ledger_processor_lag_seconds", "processor",
                    "projections"), 0.0);
        });
    }

    @Test
    void aParkedDealCountsAsDeadLettersOfItsReadModelUntilAnAdministratorEvictsThem() {
        String deal = newDeal();
        String fault = "obs_refuses_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("ALTER TABLE slip_opportunity ADD CONSTRAINT " + fault + " CHECK (opportunity_id <> '" + deal
                + "')");
        try {
            http.post("rep", "/api/opportunities", body("id", deal, "name", "Parked", "account", "Acme", "amount",
                    1000, "closeDate", "2027-03-31")).version();
            http.post("rep", "/api/opportunities/" + deal + "/close-date", body("closeDate", "2027-04-30", "reason",
                    "procurement")).version();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Scrape scrape = scrape();
                assertThat(scrape.value("ledger_dead_letters_deals", "read_model", "slippage")).isEqualTo(1);
                assertThat(scrape.value("ledger_dead_letters_events", "read_model", "slippage")).isEqualTo(2);
            });
            Scrape parked = scrape();
            for (String other : List.of("board", "days-in-stage", "reversions", "metrics", "flow", "as-of")) {
                assertThat(parked.samples()).containsEntry(Scrape.key("ledger_dead_letters_deals", "read_model",
                        other), 0.0);
            }
        } finally {
            jdbc.execute("ALTER TABLE slip_opportunity DROP CONSTRAINT " + fault);
        }
        assertThat(http.send("DELETE", "/api/admin/dead-letters/slippage/" + deal, "admin", LedgerHttp.PASSWORD,
                null, Map.of()).status()).isBetween(200, 204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = scrape();
            assertThat(scrape.samples()).containsEntry(Scrape.key("ledger_dead_letters_deals", "read_model",
                    "slippage"), 0.0);
            assertThat(scrape.samples()).containsEntry(Scrape.key("ledger_dead_letters_events", "read_model",
                    "slippage"), 0.0);
        });
    }

    @Test
    void anImportCountsAsAJobByItsOutcomeAndLeavesNoRowsRunning() throws Exception {
        Scrape before = scrape();
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String pipeline = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n"
                + "OBS" + suffix + "A,Anna Snelling,GTX Basic,Acme Corporation,Engaging,10/20/2016,,\n"
                + "OBS" + suffix + "B,Anna Snelling,GTX Basic,Acme Corporation,Prospecting,,,\n";
        HttpResponse<String> submitted = upload(Map.of(
                "pipeline", pipeline,
                "teams", "sales_agent,manager,regional_office\nAnna Snelling,Dustin Brinkmann,Central\n",
                "accounts", "account,sector,year_established,revenue,employees,office_location,subsidiary_of\n"
                        + "Acme Corporation,technolgy,1996,1100.04,2822,United States,\n",
                "products", "product,series,sales_price\nGTX Basic,GTX,550\n"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String job = submitted.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(http.get("admin", job).json()
                .path("status").asText()));

        // the gauges read the jobs at most once a second
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Scrape after = scrape();
            assertThat(after.type("ledger_import_jobs")).isEqualTo("gauge");
            assertThat(after.value("ledger_import_jobs", "status", "done")
                    - before.value("ledger_import_jobs", "status", "done")).isEqualTo(1);
            assertThat(after.samples()).containsEntry(Scrape.key("ledger_import_jobs", "status", "running"), 0.0);
            assertThat(after.samples()).containsEntry("ledger_import_rows", 0.0);
            assertThat(after.samples()).containsEntry("ledger_import_rows_done", 0.0);
        });
    }

    private HttpResponse<String> upload(Map<String, String> parts) throws Exception {
        String boundary = "obs-" + UUID.randomUUID();
        List<byte[]> body = new ArrayList<>();
        parts.forEach((name, content) -> {
            body.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + name + ".csv\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        });
        body.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports?pipeline=crm"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "admin:demo".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAndReadinessAreProbesOfTheirOwnAndTheHealthItselfLeavesReadinessOut() {
        http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean());
        Reply liveness = http.send("GET", "/actuator/health/liveness", null, null, null, Map.of());
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asText()).isEqualTo("UP");

        Reply readiness = http.send("GET", "/actuator/health/readiness", "admin", LedgerHttp.PASSWORD, null, Map.of());
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        JsonNode components = readiness.json().path("components");
        assertThat(components.path("readModelsCaughtUp").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("readModelsCaughtUp").path("details").path("caughtUpAt").asText()).isNotEmpty();
        assertThat(components.path("readinessState").path("status").asText()).isEqualTo("UP");

        Reply health = http.send("GET", "/actuator/health", null, null, null, Map.of());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("components").has("readModels")).isTrue();
        assertThat(health.json().path("components").has("readModelsCaughtUp")).isFalse();
    }

    @Test
    void theApiDescriptionIsBrowsableAtSwaggerUiWithoutSigningInAndWithoutReachingOut() {
        for (String entry : List.of("/swagger-ui", "/swagger-ui.html")) {
            Reply redirect = http.send("GET", entry, null, null, null, Map.of());
            assertThat(redirect.status()).as(entry).isEqualTo(302);
            assertThat(URI.create(redirect.header("Location")).getPath()).isEqualTo("/swagger-ui/index.html");
        }
        Reply page = http.send("GET", "/swagger-ui/index.html", null, null, null, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<div id=\"swagger-ui\"></div>", "swagger-ui-bundle.js",
                "swagger-initializer.js");
        assertThat(http.send("GET", "/swagger-ui/swagger-ui-bundle.js", null, null, null, Map.of()).status())
                .isEqualTo(200);

        Reply initializer = http.send("GET", "/swagger-ui/swagger-initializer.js", null, null, null, Map.of());
        assertThat(initializer.status()).isEqualTo(200);
        assertThat(initializer.body()).contains("\"configUrl\" : \"/v3/api-docs/swagger-config\"")
                .doesNotContain("petstore.swagger.io");
        JsonNode config = http.send("GET", "/v3/api-docs/swagger-config", null, null, null, Map.of()).json();
        assertThat(config.path("url").asText()).isEqualTo("/v3/api-docs");
        assertThat(config.path("validatorUrl").asText()).isEqualTo("none");
        assertThat(http.send("GET", "/v3/api-docs", null, null, null, Map.of()).json().path("info").path("title")
                .asText()).isEqualTo("Pipeline Ledger API");
    }
}
