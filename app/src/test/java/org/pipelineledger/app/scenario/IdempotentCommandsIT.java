package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Commands with an {@code Idempotency-Key} through the whole application and real HTTP: what a repetition is
 * answered, and what the deal's history (read from the event store) holds afterwards; and how the OpenAPI
 * description offers the header.
 * <p>
 * Shares its context with the other tests of the same configuration, so every deal and key here is its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class IdempotentCommandsIT {

    static final String KEY = "Idempotency-Key";

    @LocalServerPort
    int port;

    private LedgerHttp http;
    private final String id = "idem-" + UUID.randomUUID();

    @BeforeEach
    void connect() {
        http = new LedgerHttp(port);
    }

    /** What a client compares: a repetition must give back all three unchanged. */
    record Answer(int status, String body, String location) {

        static Answer of(Reply reply) {
            return new Answer(reply.status(), reply.body(), reply.header("Location"));
        }
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private Answer post(String user, String path, String json, String key) {
        return Answer.of(http.post(user, path, json, Map.of(KEY, key)));
    }

    private String creation(String dealId) {
        return body("id", dealId, "name", "Deal " + dealId, "account", "Account", "amount", 1000,
                "closeDate", "2031-06-30");
    }

    @Test
    void aRepeatedCreationAndARepeatedChangeAreAnsweredAsTheFirstTimeAndAppendOnce() {
        String created = newKey();
        Answer first = post("rep", "/api/opportunities", creation(id), created);
        Answer again = post("rep", "/api/opportunities", creation(id), created);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.location()).endsWith("/api/opportunities/" + id);
        assertThat(again).isEqualTo(first);
        assertThat(http.historyLength(id)).isEqualTo(1);

        String moved = newKey();
        String toQualified = body("stage", "QUALIFIED");
        Answer change = post("rep", "/api/opportunities/" + id + "/stage", toQualified, moved);
        Answer changeAgain = post("rep", "/api/opportunities/" + id + "/stage", toQualified, moved);

        assertThat(change).isEqualTo(new Answer(200, "{\"id\":\"" + id + "\",\"version\":1}", null));
        assertThat(changeAgain).isEqualTo(change);
        assertThat(http.history(id)).extracting(event -> event.path("type").asText())
                .containsExactly("OpportunityCreated", "StageAdvanced");
    }

    @Test
    void theSameKeyWithAnotherBodyIsAProblemAndAppendsNothing() {
        String key = newKey();
        post("rep", "/api/opportunities", creation(id), key);

        Reply reused = http.post("rep", "/api/opportunities", body("id", id, "name", "Another name",
                "account", "Account", "amount", 1000, "closeDate", "2031-06-30"),
                Map.of(KEY, key, "X-Request-Id", "idem-reused-" + id));
        JsonNode problem = assertProblem(reused, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(problem.path("requestId").asText()).isEqualTo("idem-reused-" + id);
        assertProblem(http.post("rep", "/api/opportunities/" + id + "/notes", body("text", "hello"),
                Map.of(KEY, key)), 422, "IDEMPOTENCY_KEY_REUSED");

        assertThat(http.historyLength(id)).isEqualTo(1);
    }

    @Test
    void twoUsersMayUseTheSameKey() {
        String key = newKey();
        String other = id + "-rep2";

        assertThat(post("rep", "/api/opportunities", creation(id), key).status()).isEqualTo(201);
        assertThat(post("rep2", "/api/opportunities", creation(other), key).status()).isEqualTo(201);
        // and the same request under the same key from another user is theirs to make, not a repetition
        Answer reps = post("rep", "/api/opportunities/" + id + "/notes", body("text", "hi"), newKey());
        String shared = newKey();
        Answer managers = post("manager", "/api/opportunities/" + id + "/notes", body("text", "hi"), shared);
        Answer admins = post("admin", "/api/opportunities/" + id + "/notes", body("text", "hi"), shared);

        assertThat(reps.status()).isEqualTo(200);
        assertThat(managers.body()).contains("\"version\":2");
        assertThat(admins.body()).contains("\"version\":3");
        assertThat(http.historyLength(id)).isEqualTo(4);
        assertThat(http.historyLength(other)).isEqualTo(1);
    }

    @Test
    void twoClientsRacingWithOneKeyAppendOnceAndAreAnsweredAlike() throws Exception {
        post("rep", "/api/opportunities", creation(id), newKey());
        String key = newKey();
        String note = body("text", "sent twice by a nervous client");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Answer> answers = new ArrayList<>();
        try {
            List<Future<Answer>> sent = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sent.add(clients.submit(() -> {
                    start.await();
                    return post("rep", "/api/opportunities/" + id + "/notes", note, key);
                }));
            }
            start.countDown();
            for (Future<Answer> answer : sent) {
                answers.add(answer.get(90, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(answers.get(0)).isEqualTo(new Answer(200, "{\"id\":\"" + id + "\",\"version\":1}", null));
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(http.historyLength(id)).isEqualTo(2);
    }

    @Test
    void aMalformedKeyIsAProblemAndAppendsNothing() {
        assertProblem(http.post("rep", "/api/opportunities", creation(id), Map.of(KEY, "x".repeat(256))), 400,
                "INVALID_REQUEST_HEADER");
        assertProblem(http.get("auditor", "/api/opportunities/" + id + "/history"), 404, "OPPORTUNITY_NOT_FOUND");
    }

    @Test
    void theOpenApiDescriptionOffersTheKeyOnEveryCommandAndNamesItsProblems() {
        Reply reply = http.send("GET", "/v3/api-docs", null, null, null, Map.of());
        assertThat(reply.status()).isEqualTo(200);
        JsonNode docs = reply.json();

        JsonNode parameter = docs.path("components").path("parameters").path("IdempotencyKey");
        assertThat(parameter.path("name").asText()).isEqualTo(KEY);
        assertThat(parameter.path("in").asText()).isEqualTo("header");
        assertThat(parameter.path("required").asBoolean(true)).isFalse();
        assertThat(parameter.path("schema").path("maxLength").asInt()).isEqualTo(255);

        List<String> commands = new ArrayList<>();
        docs.path("paths").properties().forEach(path -> {
            JsonNode post = path.getValue().path("post");
            JsonNode get = path.getValue().path("get");
            if (!get.isMissingNode()) {
                assertThat(get.path("parameters").findValuesAsText("$ref")).as("GET %s", path.getKey())
                        .doesNotContain("#/components/parameters/IdempotencyKey");
            }
            if (post.isMissingNode()) {
                return;
            }
            if (!path.getKey().startsWith("/api/opportunities")) {
                // an administrator's operation on the read models (dead letters) is no command on a deal
                assertThat(post.path("parameters").findValuesAsText("$ref")).as("POST %s", path.getKey())
                        .doesNotContain("#/components/parameters/IdempotencyKey");
                return;
            }
            commands.add(path.getKey());
            assertThat(post.path("parameters").findValuesAsText("$ref")).as("POST %s", path.getKey())
                    .containsOnlyOnce("#/components/parameters/IdempotencyKey");
            assertThat(post.path("responses").path("422").path("description").asText()).as("POST %s", path.getKey())
                    .contains("IDEMPOTENCY_KEY_REUSED");
            assertThat(post.path("responses").path("409").path("description").asText()).as("POST %s", path.getKey())
                    .contains("IDEMPOTENCY_KEY_IN_USE");
        });
        assertThat(commands).as("the eleven commands").hasSize(11);
        assertThat(docs.path("info").path("description").asText()).contains(KEY, "IDEMPOTENCY_KEY_REUSED");
    }
}
