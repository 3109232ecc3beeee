package org.pipelineledger.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * {@code GET /api/metrics} over real HTTP on three deals the admin creates and closes with backdated business
 * times (so every day count is exact): JSON and CSV, who may read it, its parameter problems, and that rebuilding
 * the read models from the events gives the same answers.
 * <pre>
 * won   rep,  team east, Acme, 1000, created 2025-01-01T09:00, close date slips 10 days on 01-03, won 2025-01-11T09:00
 * lost  rep2, team west, Beta,  500, created 2025-01-02T09:00, lost 2025-01-22T09:00
 * open  rep,  no team,   Acme, 2000, created 2025-01-03T09:00
 * </pre>
 * Its own context (the property), so its database holds these three deals only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.test.context=metrics")
@ActiveProfiles({"embedded", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    private RestClient http;

    private record Reply(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    @BeforeAll
    void closeThreeDeals() {
        http = RestClient.create("http://localhost:" + port);
        create("m-won", "rep", "Acme", 1000, "east", "2025-01-01T09:00:00Z");
        create("m-lost", "rep2", "Beta", 500, "west", "2025-01-02T09:00:00Z");
        create("m-open", "rep", "Acme", 2000, null, "2025-01-03T09:00:00Z");
        command("m-won", "close-date", Map.of("closeDate", "2025-07-10", "reason", "legal",
                "occurredAt", "2025-01-03T10:00:00Z"));
        command("m-won", "won", Map.of("occurredAt", "2025-01-11T09:00:00Z"));
        command("m-lost", "lost", Map.of("reason", "competitor", "occurredAt", "2025-01-22T09:00:00Z"));
        awaitReadModels();
    }

    @Test
    void theTotalOfAllTimeAsJson() {
        Reply reply = get("analyst", "/api/metrics", MediaType.APPLICATION_JSON_VALUE);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode metrics = reply.json();
        assertThat(metrics.path("pipeline").asText()).isEqualTo("default");
        assertThat(metrics.path("currency").asText()).isEqualTo("USD");
        assertThat(metrics.path("from").isNull()).isTrue();
        assertThat(metrics.path("groupBy").isNull()).isTrue();
        assertThat(metrics.path("rows")).hasSize(1);
        // 1 x 1000 x 0.5 / 10 days = 50 a day; one of the three deals slipped, by 10 days. As sent: a parsed
        // decimal would lose its trailing zeros
        assertThat(reply.body()).contains("\"rows\":[{\"key\":\"total\",\"openCount\":1,"
                + "\"openValue\":2000,\"wonCount\":1,\"wonValue\":1000,\"lostCount\":1,\"winRate\":0.5000,"
                + "\"averageDealSize\":1000,\"averageCycleDays\":10.0000,\"velocityPerDay\":50.0000,"
                + "\"slippedShare\":0.3333,\"averageSlipDays\":10.0000}]");
    }

    @Test
    void aPeriodAfterTheWinCountsOnlyTheLoss() {
        JsonNode row = get("manager", "/api/metrics?pipeline=default&from=2025-01-15&to=2025-01-31",
                MediaType.APPLICATION_JSON_VALUE).json().path("rows").get(0);

        assertThat(row.path("wonCount").asLong()).isZero();
        assertThat(row.path("lostCount").asLong()).isOne();
        assertThat(row.path("winRate").decimalValue()).isEqualByComparingTo("0");
        assertThat(row.path("averageDealSize").isNull()).isTrue();
        assertThat(row.path("velocityPerDay").isNull()).isTrue();
    }

    @Test
    void groupedByTeamAsCsvWithAnEmptyKeyForDealsWithoutOne() {
        Reply reply = get("auditor", "/api/metrics?groupBy=team", "text/csv");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/csv");
        assertThat(reply.body().lines().toList()).containsExactly(
                "key,openCount,openValue,wonCount,wonValue,lostCount,winRate,averageDealSize,averageCycleDays,"
                        + "velocityPerDay,slippedShare,averageSlipDays",
                "east,0,0,1,1000,0,1.0000,1000,10.0000,0.0000,1.0000,10.0000",
                "west,0,0,0,0,1,0.0000,,,,0.0000,",
                ",1,2000,0,0,0,,,,,0.0000,");
    }

    @Test
    void groupedByMonthAsJson() {
        JsonNode metrics = get("admin", "/api/metrics?from=2025-01-01&to=2025-02-28&groupBy=month",
                MediaType.APPLICATION_JSON_VALUE).json();

        assertThat(metrics.path("groupBy").asText()).isEqualTo("month");
        assertThat(metrics.path("rows").findValuesAsText("key")).containsExactly("2025-01", "2025-02");
        assertThat(metrics.path("rows").get(1).path("openCount").asLong()).isOne();
        assertThat(metrics.path("rows").get(1).path("wonCount").asLong()).isZero();
    }

    @Test
    void aRepMayNotReadTheMetrics() {
        assertProblem(get("rep", "/api/metrics", MediaType.APPLICATION_JSON_VALUE), 403, "ACCESS_DENIED");
    }

    @Test
    void badParametersAreProblems() {
        assertProblem(get("analyst", "/api/metrics?pipeline=nope", MediaType.APPLICATION_JSON_VALUE), 400,
                "UNKNOWN_PIPELINE");
        assertProblem(get("analyst", "/api/metrics?from=2025-02-01&to=2025-01-31", MediaType.APPLICATION_JSON_VALUE),
                400, "INVALID_PERIOD");
        assertProblem(get("analyst", "/api/metrics?from=yesterday", MediaType.APPLICATION_JSON_VALUE), 400,
                "INVALID_PARAMETER");
        JsonNode groupBy = assertProblem(get("analyst", "/api/metrics?groupBy=stage", "text/csv"), 400,
                "INVALID_PARAMETER");
        assertThat(groupBy.path("detail").asText()).contains("owner, team, region, product, account, month");
    }

    @Test
    void rebuildingTheReadModelsGivesTheSameAnswers() {
        List<String> paths = List.of("/api/metrics", "/api/metrics?groupBy=owner", "/api/metrics?groupBy=account",
                "/api/metrics?from=2025-01-01&to=2025-01-31&groupBy=month");
        List<String> before = paths.stream().map(path -> get("analyst", path, "text/csv").body()).toList();

        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .forEach(processor -> {
                    processor.shutDown();
                    processor.resetTokens();
                    processor.start();
                });
        awaitReadModels();

        assertThat(paths.stream().map(path -> get("analyst", path, "text/csv").body()).toList())
                .isEqualTo(before);
    }

    private void create(String id, String owner, String account, int amount, String team, String at) {
        Map<String, Object> profile = team == null ? Map.of() : Map.of("team", team);
        Reply reply = post("/api/opportunities", Map.of("id", id, "name", "Deal " + id, "account", account,
                "owner", owner, "amount", amount, "closeDate", "2025-06-30", "profile", profile, "occurredAt", at));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private void command(String id, String action, Map<String, Object> body) {
        Reply reply = post("/api/opportunities/" + id + "/" + action, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    /** Until every processor has projected every stored event: the status reads the head first. */
    private void awaitReadModels() {
        await("read models up to date").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> get("analyst", "/api/read-models/status", MediaType.APPLICATION_JSON_VALUE).json()
                        .path("upToDate").asBoolean());
    }

    private Reply post(String path, Map<String, Object> body) {
        return http.post().uri(path).headers(headers -> headers.setBasicAuth("admin", "demo"))
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((request, response) -> reply(response.getStatusCode().value(), response.getHeaders(),
                        response.getBody().readAllBytes()));
    }

    private Reply get(String user, String path, String accept) {
        return http.get().uri(path).headers(headers -> {
            headers.setBasicAuth(user, "demo");
            headers.set(HttpHeaders.ACCEPT, accept);
        }).exchange((request, response) -> reply(response.getStatusCode().value(), response.getHeaders(),
                response.getBody().readAllBytes()));
    }

    private static Reply reply(int status, HttpHeaders headers, byte[] body) {
        return new Reply(status, headers.getFirst(HttpHeaders.CONTENT_TYPE), new String(body, StandardCharsets.UTF_8));
    }

    private static JsonNode assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.body()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("code").asText()).as(reply.body()).isEqualTo(code);
        return problem;
    }
}
