package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A read model that parked a deal's events (ADR 0012), as its users see it over HTTP: the status lists the deal,
 * the health says the read models are degraded (and still answers 200), only an administrator may look at the dead
 * letters and retry or evict them, and a retry once the cause is gone makes everything healthy again. The fault is a
 * check constraint on the slippage read model's table, added for the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class DeadLettersHttpIT {

    private static final String FAULT = "http_it_refuses_the_deal";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private LedgerHttp http;

    @BeforeEach
    void client() {
        http = new LedgerHttp(port);
    }

    @Test
    void aParkedDealShowsInTheStatusAndTheHealthAndOnlyAnAdministratorRetriesItOnceTheCauseIsGone() {
        String deal = "dead-letter-http";
        jdbc.execute("ALTER TABLE slip_opportunity ADD CONSTRAINT " + FAULT + " CHECK (opportunity_id <> '" + deal
                + "')");
        try {
            assertThat(http.post("rep", "/api/opportunities", body("id", deal, "name", "Parked", "account", "Acme",
                    "amount", 1000, "closeDate", "2027-03-31")).version()).isZero();
            assertThat(http.post("rep", "/api/opportunities/" + deal + "/close-date",
                    body("closeDate", "2027-04-30", "reason", "procurement")).version()).isEqualTo(1);

            JsonNode status = http.awaitJson("/api/read-models/status", s -> s.path("parked").size() == 1
                    && s.path("parked").get(0).path("events").size() == 2);
            assertThat(status.path("upToDate").asBoolean()).isFalse();
            assertThat(status.path("processors").get(0).path("failing").asBoolean()).isTrue();
            JsonNode parked = status.path("parked").get(0);
            assertThat(parked.path("readModel").asText()).isEqualTo("slippage");
            assertThat(parked.path("opportunityId").asText()).isEqualTo(deal);
            assertThat(parked.toString()).doesNotContain("INSERT", "SQL");
            // the board is another read model: it has the deal
            http.awaitVersion(deal, 1);

            Reply health = http.send("GET", "/actuator/health", null, null, null, Map.of());
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.json().path("components").path("readModels").path("status").asText())
                    .isEqualTo("DEGRADED");

            for (String notAdmin : List.of("rep", "manager", "analyst", "auditor")) {
                assertProblem(http.get(notAdmin, "/api/admin/dead-letters"), 403, "ACCESS_DENIED");
                assertProblem(http.post(notAdmin, "/api/admin/dead-letters/slippage/" + deal + "/retry", null), 403,
                        "ACCESS_DENIED");
            }
            Reply listed = http.get("admin", "/api/admin/dead-letters");
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.json().get(0).path("events").get(0).path("type").asText())
                    .isEqualTo("OpportunityCreated");

            Reply stillFailing = http.post("admin", "/api/admin/dead-letters/slippage/" + deal + "/retry", null);
            assertThat(stillFailing.status()).isEqualTo(200);
            assertThat(stillFailing.json().path("handled").asBoolean()).isFalse();
            assertThat(stillFailing.json().path("remaining").asLong()).isEqualTo(2);
        } finally {
            jdbc.execute("ALTER TABLE slip_opportunity DROP CONSTRAINT " + FAULT);
        }

        Reply retried = http.post("admin", "/api/admin/dead-letters/slippage/" + deal + "/retry", null);
        assertThat(retried.json().path("handled").asBoolean()).as(retried.body()).isTrue();
        assertThat(retried.json().path("remaining").asLong()).isZero();
        assertThat(http.get("analyst", "/api/opportunities/" + deal + "/slippage").json().path("totalSlipDays")
                .asLong()).isEqualTo(30);
        http.awaitJson("/api/read-models/status", s -> s.path("upToDate").asBoolean());
        Reply health = http.send("GET", "/actuator/health", null, null, null, Map.of());
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void anUnknownReadModelIsNotFound() {
        assertProblem(http.post("admin", "/api/admin/dead-letters/nonsense/some-deal/retry", null), 404,
                "UNKNOWN_READ_MODEL");
        assertProblem(http.send("DELETE", "/api/admin/dead-letters/nonsense/some-deal", "admin", LedgerHttp.PASSWORD,
                null, Map.of()), 404, "UNKNOWN_READ_MODEL");
        Reply nothing = http.send("DELETE", "/api/admin/dead-letters/board/no-such-deal", "admin",
                LedgerHttp.PASSWORD, null, Map.of());
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.json().path("evicted").asLong()).isZero();
    }
}
