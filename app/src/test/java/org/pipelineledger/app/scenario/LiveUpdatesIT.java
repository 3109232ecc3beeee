package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code GET /api/live} over real HTTP: a subscriber starts at the current position, one that comes back with the id
 * of the last message it saw first gets the deals changed since, and one too far behind is told to reload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class LiveUpdatesIT {

    private static final AtomicInteger DEALS = new AtomicInteger();

    @LocalServerPort
    int port;

    private LedgerHttp http;

    @BeforeEach
    void connect() {
        http = new LedgerHttp(port);
    }

    @Test
    void aNewSubscriberStartsAtTheReadModelsPositionWithNothingToReload() throws Exception {
        deal();
        long head = awaitProjected();

        Message first = firstMessage(null);

        assertThat(first.id()).isEqualTo(head);
        assertThat(first.data().path("deals").size()).isZero();
        assertThat(first.data().path("reload").asBoolean()).isFalse();
    }

    @Test
    void aSubscriberThatComesBackGetsTheDealsChangedSinceItsLastMessage() throws Exception {
        String before = deal();
        long seen = awaitProjected();
        String created = deal();
        assertThat(http.post("rep", "/api/opportunities/" + before + "/stage", body("stage", "QUALIFIED")).status())
                .isEqualTo(200);
        long head = awaitProjected();

        Message resumed = firstMessage(seen);

        assertThat(resumed.id()).isEqualTo(head);
        assertThat(resumed.data().path("deals")).extracting(JsonNode::asText).containsExactly(created, before);
    }

    @Test
    void aSubscriberTooFarBehindIsToldToReload() throws Exception {
        deal();
        long head = awaitProjected();

        Message resumed = firstMessage(head - 2_001);

        assertThat(resumed.data().path("reload").asBoolean()).isTrue();
        assertThat(resumed.data().path("deals").size()).isZero();
    }

    private String deal() {
        String id = "live-" + DEALS.incrementAndGet();
        assertThat(http.post("rep", "/api/opportunities", body("id", id, "name", "Live " + id, "account", "A",
                "amount", 10, "closeDate", "2031-06-30")).status()).isEqualTo(201);
        return id;
    }

    private long awaitProjected() {
        return http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean())
                .path("head").asLong();
    }

    private record Message(long id, JsonNode data) {
    }

    @Test
    void aSalesTargetIsNoDealToShow() throws Exception {
        long seen = awaitProjected();
        LedgerHttp.Reply target = http.send("PUT", "/api/targets/2031-Q" + (1 + DEALS.incrementAndGet() % 4),
                "manager", LedgerHttp.PASSWORD, body("pipeline", "default", "owner", "rep", "amount", 1000 + DEALS.get()),
                java.util.Map.of());
        assertThat(target.status()).as(target.body()).isEqualTo(200);
        String created = deal();
        awaitProjected();

        assertThat(firstMessage(seen).data().path("deals")).extracting(JsonNode::asText).containsExactly(created);
    }

    /** Opens the stream (resuming after {@code lastSeen}, if given) and reads its first message. */
    private Message firstMessage(Long lastSeen) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/live"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("manager:demo".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20));
        if (lastSeen != null) {
            request.header("Last-Event-ID", Long.toString(lastSeen));
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            Long id = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("data:") && id != null) {
                    return new Message(id, LedgerHttp.parse(line.substring(5)));
                }
            }
        }
        throw new AssertionError("the stream ended before its first message");
    }
}
