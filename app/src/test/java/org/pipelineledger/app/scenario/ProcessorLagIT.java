package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A processor that has not seen the newest events, as the metrics and the readiness probe show it. The store's
 * reader polls only every ten minutes here (ADR 0009's fetch delay), so once the processor has caught up with the
 * empty store, the events of the commands below wait for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=processor-lag", "ledger.processing.fetch-delay-ms=600000"})
// Spring Boot's tests switch the metrics' export off unless asked for it
@AutoConfigureObservability(tracing = false)
@ActiveProfiles({"embedded", "test"})
class ProcessorLagIT {

    @LocalServerPort
    int port;

    @Test
    void eventsTheProcessorHasNotSeenAreItsLagInEventsAndTheOldestsAgeInSecondsAndReadinessStaysOnceReached() {
        LedgerHttp http = new LedgerHttp(port);
        http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean());
        Reply ready = http.send("GET", "/actuator/health/readiness", null, null, null, Map.of());
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);

        Instant first = Instant.now();
        String deal = "lag-" + UUID.randomUUID();
        http.post("rep", "/api/opportunities", body("id", deal, "name", "Lagging", "account", "Acme", "amount", 10,
                "closeDate", "2027-06-30")).version();
        http.post("rep", "/api/opportunities/" + deal + "/stage", body("stage", "QUALIFIED")).version();
        http.post("rep", "/api/opportunities/" + deal + "/stage", body("stage", "DISCOVERY")).version();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = Scrape.of(http.get("admin", "/actuator/prometheus"));
            assertThat(scrape.value("ledger_processor_lag_events", "processor", "projections")).isEqualTo(3);
            double seconds = scrape.value("ledger_processor_lag_seconds", "processor", "projections");
            // the oldest unseen event is the creation: at least as old as the time since its answer began a moment
            // ago, at most as old as the time since just before it was sent
            assertThat(seconds).isPositive()
                    .isLessThanOrEqualTo(Duration.between(first, Instant.now()).toMillis() / 1000.0 + 0.01);
        });
        assertThat(http.get("analyst", "/api/read-models/status").json().path("processors").get(0).path("behind")
                .asLong()).isEqualTo(3);

        // ready once caught up after start, and staying so while it lags
        Reply stillReady = http.send("GET", "/actuator/health/readiness", null, null, null, Map.of());
        assertThat(stillReady.status()).as(stillReady.body()).isEqualTo(200);
        assertThat(stillReady.json().path("status").asText()).isEqualTo("UP");
    }
}
