package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ledger as a client sees it: real HTTP with HTTP Basic as the demo users (password {@code demo}), JSON in and
 * out, and waiting for a read model by polling its query endpoint. Deliberately not a Spring bean: the application
 * scans {@code org.pipelineledger}, test classes included.
 */
final class LedgerHttp {

    static final String PASSWORD = "demo";
    static final String PROBLEM_JSON = "application/problem+json";

    /** Generous: the processors of a busy 2-core machine; a read model that is merely slow still passes. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    LedgerHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A client of an application this test started itself, on the port it listens on. */
    static LedgerHttp on(ConfigurableApplicationContext context) {
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        assertThat(port).isNotNull().isPositive();
        return new LedgerHttp(port);
    }

    /** One answer, read once. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            return parse(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        long version() {
            assertThat(status).as(body).isBetween(200, 201);
            return json().path("version").asLong(-1);
        }
    }

    /** A JSON object from name/value pairs, in order; null values are left out as a client would. */
    static String body(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    Reply get(String user, String path) {
        return send("GET", path, user, PASSWORD, null, Map.of());
    }

    Reply post(String user, String path, String json) {
        return send("POST", path, user, PASSWORD, json, Map.of());
    }

    Reply post(String user, String path, String json, Map<String, String> headers) {
        return send("POST", path, user, PASSWORD, json, headers);
    }

    /** {@code user == null} sends no credentials at all. */
    Reply send(String method, String path, String user, String password, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            String credentials = user + ":" + password;
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs {@code path} (as the analyst, who may read everything) until it answers 200 with what {@code ready} wants. */
    JsonNode awaitJson(String path, Predicate<JsonNode> ready) {
        return await("GET " + path)
                .atMost(PATIENCE)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Reply reply = get("analyst", path);
                    return reply.status() == 200 ? reply.json() : null;
                }, json -> json != null && ready.test(json));
    }

    /** The deal's summary once the board projection has applied at least {@code version}. */
    JsonNode awaitVersion(String id, long version) {
        return awaitJson("/api/opportunities/" + id, summary -> summary.path("version").asLong(-1) >= version);
    }

    /** The deal's events in the store; the history reads the store itself, so it is never behind. */
    JsonNode history(String id) {
        Reply reply = get("auditor", "/api/opportunities/" + id + "/history");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("events");
    }

    int historyLength(String id) {
        return history(id).size();
    }

    /** Asserts a problem answer: the status, RFC 9457's media type and fields, and the ledger's stable code. */
    static JsonNode assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("Content-Type of " + reply.body()).startsWith(PROBLEM_JSON);
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).as(reply.body()).isEqualTo(code);
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
