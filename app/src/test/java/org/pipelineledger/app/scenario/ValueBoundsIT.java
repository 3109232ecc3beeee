package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Values out of the ledger's bounds through real HTTP: each is a 400 {@code VALIDATION_FAILED} listing the field
 * under {@code errors}, the same answer whether the API's validation or the aggregate refused it, and nothing is
 * appended. Shares its context with {@code ErrorsAndRolesIT}, so every deal has an id of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class ValueBoundsIT {

    private static final AtomicInteger DEALS = new AtomicInteger();

    @LocalServerPort
    int port;

    private LedgerHttp http;

    @BeforeEach
    void connect() {
        http = new LedgerHttp(port);
    }

    private String deal() {
        String id = "bounds-" + DEALS.incrementAndGet();
        Reply created = http.post("rep", "/api/opportunities", body("id", id, "name", "Deal " + id,
                "account", "Account of " + id, "amount", 25000, "closeDate", "2031-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    /** The change must be refused as invalid in exactly {@code field}, and append nothing. */
    private JsonNode refused(String id, String action, String json, String field) {
        int before = http.historyLength(id);
        JsonNode problem = assertProblem(http.post("rep", "/api/opportunities/" + id + action, json), 400,
                "VALIDATION_FAILED");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly(field);
        assertThat(http.historyLength(id)).isEqualTo(before);
        return problem;
    }

    @Test
    void anAmountTheAggregateRefusesIsAnsweredExactlyAsOneTheApiRefuses() {
        String id = deal();

        // three decimals are within what the API can check, but not within dollars: the aggregate refuses them
        JsonNode byTheAggregate = refused(id, "/amount", "{\"amount\": 1.234}", "amount");
        JsonNode byTheApi = refused(id, "/amount", "{\"amount\": 1.23456}", "amount");

        assertThat(byTheAggregate.path("errors").get(0).path("message").asText())
                .isEqualTo("must have at most 2 decimals in this currency");
        assertThat(byTheAggregate.path("detail").asText())
                .isEqualTo("The request is invalid: 'amount' must have at most 2 decimals in this currency.");
        assertThat(byTheApi.path("errors").get(0).path("message").asText()).isEqualTo("must have at most 4 decimals");
        for (String property : new String[] {"type", "title", "status", "code", "instance"}) {
            assertThat(byTheAggregate.path(property)).as(property).isEqualTo(byTheApi.path(property));
        }
        assertThat(fieldNames(byTheAggregate)).isEqualTo(fieldNames(byTheApi));
    }

    @Test
    void aThousandDigitAmountIsRefused() {
        String id = deal();

        refused(id, "/amount", "{\"amount\": " + "9".repeat(1000) + "}", "amount");
        refused(id, "/amount", "{\"amount\": 1e400}", "amount");
    }

    @Test
    void aNameWithNulOrARightToLeftOverrideIsRefusedAndNoDealIsCreated() {
        for (String name : new String[] {"Acme\u0000", "Invoice \u202Efdp.exe"}) {
            String id = "bounds-name-" + DEALS.incrementAndGet();
            JsonNode problem = assertProblem(http.post("rep", "/api/opportunities", body("id", id, "name", name,
                    "account", "Acme", "amount", 1, "closeDate", "2031-06-30")), 400, "VALIDATION_FAILED");

            assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("name");
            assertThat(problem.toString()).doesNotContain("fdp.exe");
            assertProblem(http.get("auditor", "/api/opportunities/" + id + "/history"), 404,
                    "OPPORTUNITY_NOT_FOUND");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
