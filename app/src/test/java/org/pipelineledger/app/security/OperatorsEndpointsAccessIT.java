package org.pipelineledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Who may call which of the operators' endpoints (ADR 0021, docs/operations/metrics.md), over real HTTP: anyone the
 * health and its probes, the API's description and its browser; a signed-in user the info; the metrics a MONITOR
 * user (a scraper, configured as in production) and ADMIN only, and a MONITOR user reads no deal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.test.context=operators-endpoints",
        "ledger.security.users[0].name=scraper",
        "ledger.security.users[0].password={noop}scrape-secret",
        "ledger.security.users[0].roles=MONITOR"})
@AutoConfigureObservability(tracing = false)
@ActiveProfiles({"embedded", "test"})
class OperatorsEndpointsAccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (!user.isEmpty()) {
            String password = user.equals("scraper") ? "scrape-secret" : "demo";
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Readiness comes once the read models have caught up after start; the table below is about who, not when. */
    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness", "").statusCode() == 200);
    }

    @ParameterizedTest(name = "GET {0} as ''{1}'' is {2}")
    @CsvSource({
            // the probes and the health: anyone, so that a load balancer or Kubernetes needs no credential
            "/actuator/health,            '',       200",
            "/actuator/health,            analyst,  200",
            "/actuator/health,            scraper,  200",
            "/actuator/health,            admin,    200",
            "/actuator/health/liveness,   '',       200",
            "/actuator/health/liveness,   analyst,  200",
            "/actuator/health/liveness,   scraper,  200",
            "/actuator/health/liveness,   admin,    200",
            "/actuator/health/readiness,  '',       200",
            "/actuator/health/readiness,  analyst,  200",
            "/actuator/health/readiness,  scraper,  200",
            "/actuator/health/readiness,  admin,    200",
            // the metrics: the scraper and administrators
            "/actuator/prometheus,        '',       401",
            "/actuator/prometheus,        analyst,  403",
            "/actuator/prometheus,        rep,      403",
            "/actuator/prometheus,        scraper,  200",
            "/actuator/prometheus,        admin,    200",
            // the info and the list of endpoints: any signed-in user
            "/actuator/info,              '',       401",
            "/actuator/info,              analyst,  200",
            "/actuator/info,              scraper,  200",
            "/actuator/info,              admin,    200",
            "/actuator,                   '',       401",
            "/actuator,                   scraper,  200",
            // not exposed at all, for anyone
            "/actuator/metrics,           admin,    404",
            "/actuator/env,               admin,    404",
            "/actuator/loggers,           scraper,  404",
            "/actuator/env,               '',       401",
            // the API's description and its browser: anyone
            "/v3/api-docs,                '',       200",
            "/v3/api-docs/swagger-config, '',       200",
            "/swagger-ui,                 '',       302",
            "/swagger-ui.html,            '',       302",
            "/swagger-ui/index.html,      '',       200",
            "/swagger-ui/index.html,      analyst,  200",
            "/swagger-ui/swagger-ui.css,  '',       200",
            // a scraper reads no deal
            "/api/board,                  scraper,  403",
            "/api/read-models/status,     scraper,  403",
            "/api/board,                  analyst,  200",
            "/api/board,                  '',       401"})
    void theOperatorsEndpointsAreOpenToWhomTheyAreFor(String path, String user, int status) throws Exception {
        HttpResponse<String> response = get(path, user);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    @ParameterizedTest(name = "the health''s details as ''{0}'': {1}")
    @CsvSource({"'', false", "analyst, false", "rep, false", "scraper, true", "admin, true"})
    void theHealthsDetailsAreForTheScraperAndAdministrators(String user, boolean details) throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/readiness"}) {
            JsonNode health = JSON.readTree(get(path, user).body());
            JsonNode component = health.path("components").path(path.endsWith("readiness") ? "readModelsCaughtUp"
                    : "readModels");
            assertThat(component.path("status").asText()).as(path).isEqualTo("UP");
            assertThat(component.has("details")).as(path).isEqualTo(details);
        }
    }

    @Test
    void aScraperMayNotChangeAnythingEither() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/opportunities"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "scraper:scrape-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"scraped\",\"name\":\"n\",\"account\":\"a\","
                        + "\"amount\":1,\"closeDate\":\"2027-01-31\"}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("ACCESS_DENIED");
    }

    /** A scraper holds a token (ADR 0020) so that Prometheus sends it, not a password bcrypt checks per scrape. */
    @Test
    void aScraperIssuesATokenAndScrapesWithItButReadsNoDealWithItEither() throws Exception {
        HttpRequest issue = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tokens"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "scraper:scrape-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"prometheus\"}"))
                .build();
        HttpResponse<String> issued = http.send(issue, HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String token = JSON.readTree(issued.body()).path("token").asText();

        assertThat(bearer("/actuator/prometheus", token).statusCode()).isEqualTo(200);
        assertThat(bearer("/api/board", token).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> bearer(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePrometheusScrapeIsTextInTheExpositionFormatWithTheLedgersOwnMetrics() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", "scraper");

        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(response.body()).contains("# TYPE ledger_processor_lag_seconds gauge",
                "# TYPE ledger_dead_letters_deals gauge", "# TYPE ledger_import_jobs gauge",
                "# TYPE jvm_memory_used_bytes gauge");
    }
}
