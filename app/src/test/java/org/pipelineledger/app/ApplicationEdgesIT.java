package org.pipelineledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The whole application on a real port: what the web slices cannot show, because it needs Tomcat, springdoc,
 * the actuator or the real controllers of both sides.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class ApplicationEdgesIT {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private HttpResponse<String> send(String method, String path, String user, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("X-Request-Id", "it-" + method + path.hashCode());
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            String credentials = user + ":demo";
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static DocumentContext problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(PROBLEM_JSON));
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.status", Integer.class)).isEqualTo(status);
        if (code != null) {
            assertThat(json.read("$.code", String.class)).isEqualTo(code);
        } else {
            assertThat(json.read("$.code", String.class)).matches("[A-Z][A-Z0-9_]+");
        }
        assertThat(json.read("$.requestId", String.class)).startsWith("it-");
        return json;
    }

    @Test
    void theOpenApiDescriptionIsPublicAndDescribesBasicAuthentication() throws Exception {
        HttpResponse<String> response = send("GET", "/v3/api-docs", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.info.title", String.class)).isEqualTo("Pipeline Ledger API");
        assertThat(json.read("$.info.version", String.class)).isNotBlank().doesNotContain("@");
        assertThat(json.read("$.components.securitySchemes.basicAuth.type", String.class)).isEqualTo("http");
        assertThat(json.read("$.components.securitySchemes.basicAuth.scheme", String.class)).isEqualTo("basic");
        assertThat(json.read("$.components.schemas.Problem.required", List.class)).contains("code");
        Map<String, Object> paths = json.read("$.paths");
        assertThat(paths.keySet()).isNotEmpty().allMatch(path -> path.startsWith("/api/"));
        assertThat(json.read("$.paths['/api/opportunities'].post.responses['422'].content",
                Map.class)).containsKey("application/problem+json");
    }

    @Test
    void theHealthCheckIsPublic() throws Exception {
        HttpResponse<String> response = send("GET", "/actuator/health", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.parse(response.body()).read("$.status", String.class)).isEqualTo("UP");
    }

    @Test
    void theApiRefusesAnonymousCallersWithAChallenge() throws Exception {
        HttpResponse<String> response = send("GET", "/api/board", null, null);

        problem(response, 401, "UNAUTHENTICATED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"pipeline-ledger\"");
    }

    @Test
    void anAnalystMayNotCreateADeal() throws Exception {
        problem(send("POST", "/api/opportunities", "analyst", "{\"name\": \"Acme\"}"), 403, "ACCESS_DENIED");
    }

    @Test
    void anUnknownPathIsANotFoundProblem() throws Exception {
        DocumentContext json = problem(send("GET", "/api/no-such-thing", "analyst", null), 404, "NOT_FOUND");
        assertThat(json.read("$.instance", String.class)).isEqualTo("/api/no-such-thing");
    }

    @Test
    void aRequestTheFirewallRejectsIsStillAProblem() throws Exception {
        // a ';' in the path is refused by Spring Security's firewall before any controller
        DocumentContext json = problem(send("GET", "/api/board;jsessionid=x", "analyst", null), 400, "INVALID_PATH");
        assertThat(json.read("$.instance", String.class)).startsWith("/api/board");
    }

    @Test
    void malformedJsonSentToTheRealCommandApiIsAMalformedRequest() throws Exception {
        problem(send("POST", "/api/opportunities", "rep", "{\"name\": "), 400, "MALFORMED_REQUEST");
    }

    @Test
    void anUnknownDealIsANotFoundProblemFromTheRealQueryApi() throws Exception {
        problem(send("GET", "/api/opportunities/no-such-deal", "analyst", null), 404, "OPPORTUNITY_NOT_FOUND");
    }

    /** ADR 0009: the event store's reader polls instead of being woken by every commit. */
    @Test
    void theEventStoreReaderPollsAsShipped() {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(PollingEventStore.class);
    }

    /** ADR 0008: Axon's per-message watchdog stays off unless {@code axon.timeout.enabled=true} asks for it. */
    @Test
    void axonsMessageTimeoutsAreOffAsShipped() {
        assertThat(context.getBeanNamesForType(HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
        assertThat(context.getEnvironment().getProperty("axon.timeout.enabled")).isEqualTo("false");
    }

    /**
     * ADR 0011: the query bus opens no transaction around a query (a query that needs one view across statements opens
     * its own, on one connection).
     */
    @Test
    void queriesRunOutsideATransactionAsShipped() {
        QueryBus queryBus = context.getBean(QueryBus.class);
        Registration probe = queryBus.subscribe("transaction-probe", Boolean.class,
                message -> TransactionSynchronizationManager.isActualTransactionActive());
        try {
            Boolean inTransaction = context.getBean(QueryGateway.class)
                    .query("transaction-probe", "?", Boolean.class).join();
            assertThat(inTransaction).isFalse();
        } finally {
            probe.cancel();
        }
    }
}
