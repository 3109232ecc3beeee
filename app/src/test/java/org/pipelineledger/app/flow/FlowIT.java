package org.pipelineledger.app.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Conversion, the waterfall, coverage and targets over real HTTP. An admin records a small history in the past
 * (backdated {@code occurredAt}), a manager sets targets, an analyst reads:
 * <pre>
 * F1 rep, team east, 1000, closes 2026-02-25: created 01-05 in PROSPECTING, QUALIFIED 01-10, back to PROSPECTING
 *    01-12 (BUDGET), QUALIFIED 01-20, won 02-10
 * F2 rep2, team west, 2000, closes 2026-03-31: created 01-06, lost 01-15, reopened in QUALIFIED 01-25, close date
 *    pulled in to 02-27 on 02-05
 * F3 rep, team east, 3000, closes 2026-02-20: created 02-01, slipped to 04-15 on 02-15
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A status, the body's type and the body. */
    record Reply(int status, String type, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @BeforeAll
    void recordTheHistory() {
        create("F1", "rep", "east", 1000, "2026-02-25", "2026-01-05");
        create("F2", "rep2", "west", 2000, "2026-03-31", "2026-01-06");
        command("F1", "stage", "{\"stage\":\"QUALIFIED\"", "2026-01-10");
        command("F1", "stage", "{\"stage\":\"PROSPECTING\",\"reason\":\"BUDGET\",\"note\":\"budget cut\"",
                "2026-01-12");
        command("F2", "lost", "{\"reason\":\"price\"", "2026-01-15");
        command("F1", "stage", "{\"stage\":\"QUALIFIED\"", "2026-01-20");
        command("F2", "reopen", "{\"stage\":\"QUALIFIED\",\"note\":\"budget found\"", "2026-01-25");
        create("F3", "rep", "east", 3000, "2026-02-20", "2026-02-01");
        command("F2", "close-date", "{\"closeDate\":\"2026-02-27\"", "2026-02-05");
        command("F1", "won", "{", "2026-02-10");
        command("F3", "close-date", "{\"closeDate\":\"2026-04-15\"", "2026-02-15");
    }

    @Test
    void conversionFollowsTheDealsThatEnteredEachStage() {
        JsonNode stages = awaitJson("/api/metrics/conversion?from=2026-01-01&to=2026-01-31",
                json -> json.path("stages").get(1).path("entered").asInt() == 2).path("stages");

        assertThat(stages.get(0).path("stage").asText()).isEqualTo("PROSPECTING");
        assertThat(counts(stages.get(0))).isEqualTo("2 1 1 1 0.5 0.5");
        assertThat(stages.get(1).path("stage").asText()).isEqualTo("QUALIFIED");
        assertThat(counts(stages.get(1))).isEqualTo("2 0 1 1 0.0 0.5");
        assertThat(stages.get(2).path("toNextStage").isNull()).isTrue();
    }

    @Test
    void theWaterfallOfFebruaryMeetsAtItsEnds() {
        JsonNode waterfall = awaitJson("/api/metrics/waterfall?pipeline=default&from=2026-02-01&to=2026-02-28",
                json -> json.path("slippedOut").path("count").asInt() == 1);

        assertThat(line(waterfall, "openAtStart")).isEqualTo("1 1000");
        assertThat(line(waterfall, "created")).isEqualTo("1 3000");
        assertThat(line(waterfall, "pulledIn")).isEqualTo("1 2000");
        assertThat(line(waterfall, "won")).isEqualTo("1 1000");
        assertThat(line(waterfall, "lost")).isEqualTo("0 0");
        assertThat(line(waterfall, "slippedOut")).isEqualTo("1 3000");
        assertThat(line(waterfall, "amountChanged")).isEqualTo("0 0");
        assertThat(line(waterfall, "openAtEnd")).isEqualTo("1 2000");

        Reply csv = csv("/api/metrics/waterfall?from=2026-02-01&to=2026-02-28");
        assertThat(csv.type()).startsWith("text/csv");
        assertThat(csv.body()).isEqualTo("line,count,value\r\nopenAtStart,1,1000\r\ncreated,1,3000\r\n"
                + "pulledIn,1,2000\r\nwon,1,1000\r\nlost,0,0\r\nslippedOut,1,3000\r\namountChanged,0,0\r\n"
                + "openAtEnd,1,2000\r\n");
        assertThat(csv("/api/metrics/conversion?from=2026-01-01&to=2026-01-31").body())
                .startsWith("stage,entered,advanced,cameBack,won,toNextStage,toWon\r\n"
                        + "PROSPECTING,2,1,1,1,0.5000,0.5000\r\n")
                .contains("\r\nNEGOTIATION,0,0,0,0,,\r\n");
        Reply refused = csv("/api/metrics/waterfall?from=2026-02-01&to=2026-01-31");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("code").asText()).isEqualTo("INVALID_PERIOD");
    }

    @Test
    void aManagerSetsTargetsAndCoverageComparesTheOpenValueWithThem() {
        Reply first = put("manager", "/api/targets/2026-Q1", "{\"owner\":\"rep2\",\"amount\":1000}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("kind").asText()).isEqualTo("OWNER");
        assertThat(put("manager", "/api/targets/2026-Q1", "{\"team\":\"east\",\"amount\":5000}").json()
                .path("version").asLong()).isEqualTo(first.json().path("version").asLong() + 1);
        Reply again = put("manager", "/api/targets/2026-Q1", "{\"team\":\"east\",\"amount\":5000.00}");
        assertThat(again.json().path("version").asLong()).as("the same amount again appends nothing")
                .isEqualTo(first.json().path("version").asLong() + 1);

        JsonNode targets = awaitJson("/api/targets/2026-Q1", json -> json.path("targets").size() == 2);
        assertThat(targets.path("targets").get(0).path("name").asText()).isEqualTo("rep2");
        assertThat(targets.path("targets").get(0).path("setBy").asText()).isEqualTo("manager");
        assertThat(targets.path("targets").get(1).path("kind").asText()).isEqualTo("TEAM");

        JsonNode rows = awaitJson("/api/metrics/coverage?period=2026-Q1",
                json -> json.path("rows").size() == 3).path("rows");
        // rep: F1 won, F3 slipped out of the quarter, no target: no row
        assertThat(row(rows.get(0))).isEqualTo("OWNER rep2 1 2000 1000 2.0 true");
        assertThat(row(rows.get(1))).isEqualTo("TEAM east 0 0 5000 0.0 true");
        assertThat(row(rows.get(2))).isEqualTo("TEAM west 1 2000 null null null");
        assertThat(row(get("analyst", "/api/metrics/coverage?period=2026-02&owner=rep2").json().path("rows").get(0)))
                .isEqualTo("OWNER rep2 1 2000 null null null");
        assertThat(csv("/api/metrics/coverage?period=2026-Q1").body()).isEqualTo(
                "kind,name,openDeals,openValue,target,coverage,belowThreeTimes\r\nOWNER,rep2,1,2000,1000,2.00,true\r\n"
                        + "TEAM,east,0,0,5000,0.00,true\r\nTEAM,west,1,2000,,,\r\n");
    }

    @Test
    void csvQuotesWhatNeedsItAndNeverStartsAFormula() {
        Reply created = send("POST", "admin", "/api/opportunities", "{\"id\":\"F4\",\"name\":\"Deal F4\","
                + "\"account\":\"Account\",\"pipeline\":\"crm\",\"amount\":10,\"closeDate\":\"2026-03-01\","
                + "\"profile\":{\"team\":\"=1+1, \\\"x\\\"\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        awaitJson("/api/metrics/coverage?pipeline=crm&period=2026-Q1", json -> json.path("rows").size() == 2);
        assertThat(csv("/api/metrics/coverage?pipeline=crm&period=2026-Q1").body())
                .endsWith("\r\nTEAM,\"'=1+1, \"\"x\"\"\",1,10,,,\r\n");
    }

    @Test
    void onlyManagersAndAdminsSetTargetsAndRepsDoNotReadMetrics() {
        assertProblem(put("analyst", "/api/targets/2026-Q2", "{\"owner\":\"rep\",\"amount\":1}"), 403, "ACCESS_DENIED");
        assertProblem(put("rep", "/api/targets/2026-Q2", "{\"owner\":\"rep\",\"amount\":1}"), 403, "ACCESS_DENIED");
        assertProblem(get("rep", "/api/metrics/waterfall?from=2026-01-01&to=2026-01-31"), 403, "ACCESS_DENIED");
        assertThat(get("auditor", "/api/targets/2026-Q2").status()).isEqualTo(200);
    }

    @Test
    void badParametersAndBodiesAreProblems() {
        assertProblem(get("analyst", "/api/metrics/conversion?from=2026-13-01&to=2026-12-31"), 400,
                "INVALID_PARAMETER");
        assertProblem(get("analyst", "/api/metrics/waterfall?from=2026-01-01"), 400, "INVALID_PARAMETER");
        assertProblem(get("analyst", "/api/metrics/waterfall?from=2026-02-01&to=2026-01-31"), 400, "INVALID_PERIOD");
        assertProblem(get("analyst", "/api/metrics/conversion?pipeline=nope&from=2026-01-01&to=2026-01-31"), 400,
                "UNKNOWN_PIPELINE");
        assertProblem(get("analyst", "/api/metrics/coverage?period=2026-Q5"), 400, "INVALID_PERIOD");
        assertProblem(get("analyst", "/api/metrics/coverage?period=2026-Q1&owner=rep&team=east"), 400,
                "INVALID_PARAMETER");
        assertProblem(get("analyst", "/api/targets/2026-1"), 400, "INVALID_PERIOD");
        assertProblem(put("manager", "/api/targets/2026-Q3", "{\"owner\":\"rep\",\"team\":\"east\",\"amount\":1}"),
                400, "VALIDATION_FAILED");
        assertProblem(put("manager", "/api/targets/2026-Q3", "{\"owner\":\"rep\"}"), 400, "VALIDATION_FAILED");
        assertProblem(put("manager", "/api/targets/2026-Q3", "{\"owner\":\"rep\",\"amount\":1,\"extra\":1}"), 400,
                "MALFORMED_REQUEST");
        assertProblem(put("manager", "/api/targets/2026-Q3", "{\"owner\":\"rep\",\"amount\":-1}"), 422,
                "NEGATIVE_AMOUNT");
        assertProblem(put("manager", "/api/targets/2026-Q3", "{\"owner\":\"rep\",\"amount\":1,\"pipeline\":\"nope\"}"),
                400, "UNKNOWN_PIPELINE");
        assertProblem(put("manager", "/api/targets/2026-Q3",
                "{\"owner\":\"rep\",\"amount\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\"}"), 403,
                "BACKDATING_NOT_ALLOWED");
    }

    private void create(String id, String owner, String team, int amount, String closeDate, String day) {
        Reply reply = send("POST", "admin", "/api/opportunities", "{\"id\":\"" + id + "\",\"name\":\"Deal " + id
                + "\",\"account\":\"Account\",\"owner\":\"" + owner + "\",\"amount\":" + amount + ",\"closeDate\":\""
                + closeDate + "\",\"profile\":{\"team\":\"" + team + "\"},\"occurredAt\":\"" + day + "T12:00:00Z\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** {@code body} is a JSON object without its closing brace; the business time is added. */
    private void command(String id, String path, String body, String day) {
        String separator = body.equals("{") ? "" : ",";
        Reply reply = send("POST", "admin", "/api/opportunities/" + id + "/" + path,
                body + separator + "\"occurredAt\":\"" + day + "T12:00:00Z\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static String counts(JsonNode stage) {
        return stage.path("entered").asText() + " " + stage.path("advanced").asText() + " "
                + stage.path("cameBack").asText() + " " + stage.path("won").asText() + " "
                + stage.path("toNextStage").decimalValue().stripTrailingZeros().setScale(1) + " "
                + stage.path("toWon").decimalValue().stripTrailingZeros().setScale(1);
    }

    private static String line(JsonNode waterfall, String name) {
        JsonNode line = waterfall.path(name);
        return line.path("count").asText() + " " + number(line.path("value"));
    }

    private static String row(JsonNode row) {
        return String.join(" ", row.path("kind").asText(), row.path("name").asText(), row.path("openDeals").asText(),
                number(row.path("openValue")), number(row.path("target")),
                row.path("coverage").isNull() ? "null" : row.path("coverage").decimalValue().setScale(1).toString(),
                row.path("belowThreeTimes").asText());
    }

    private static String number(JsonNode node) {
        return node.isNull() ? "null" : node.decimalValue().stripTrailingZeros().toPlainString();
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> ready) {
        return await(path).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Reply reply = get("analyst", path);
                    return reply.status() == 200 ? reply.json() : null;
                }, json -> json != null && ready.test(json));
    }

    private static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().path("code").asText()).as(reply.body()).isEqualTo(code);
    }

    private Reply get(String user, String path) {
        return send("GET", user, path, null);
    }

    private Reply csv(String path) {
        return send("GET", "analyst", path, null, "text/csv");
    }

    private Reply put(String user, String path, String json) {
        return send("PUT", user, path, json);
    }

    private Reply send(String method, String user, String path, String json) {
        return send(method, user, path, json, "application/json");
    }

    private Reply send(String method, String user, String path, String json, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Accept", accept);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
