package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.pipelineledger.command.audit.EventChain;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * One deal as of an instant and its timeline over HTTP (docs/as-of.md, ADR 0016): the fold of the deal's events equals
 * the board's summary after every kind of event; a backdated history answers differently as of a business time and as
 * known at a record time; bad instants are 400 problems naming the parameter. Shares its context with the other tests
 * of the same configuration, so every deal has an id of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class AsOfIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theFoldOfTheHistoryEqualsTheBoardsSummaryAfterEveryKindOfEvent() {
        LedgerHttp http = new LedgerHttp(port);
        String id = "asof-" + UUID.randomUUID();
        String deal = "/api/opportunities/" + id;
        List<String[]> commands = List.of(
                new String[] {"rep", "/api/opportunities", body("id", id, "name", "Deal " + id, "account", "Acme",
                        "amount", 25000.50, "closeDate", "2031-06-30", "outlook", "NEUTRAL",
                        "profile", Map.of("product", "Ledger", "team", "East", "accountEmployees", 120))},
                new String[] {"rep", deal + "/stage", body("stage", "DISCOVERY")},
                new String[] {"rep", deal + "/stage", body("stage", "QUALIFIED", "reason", "BUDGET", "note", "cut")},
                new String[] {"rep", deal + "/close-date", body("closeDate", "2031-07-31", "reason", "legal")},
                new String[] {"rep", deal + "/close-date", body("closeDate", "2031-07-15", "reason", "budget")},
                new String[] {"rep", deal + "/outlook", body("outlook", "CAUTIOUS", "note", "champion left")},
                new String[] {"rep", deal + "/amount", body("amount", 42000, "reason", "fewer seats")},
                new String[] {"rep", deal + "/next-step", body("description", "Send proposal", "dueDate",
                        "2031-03-20")},
                new String[] {"rep", deal + "/notes", body("text", "call went well")},
                new String[] {"manager", deal + "/owner", body("owner", "rep2")},
                new String[] {"rep2", deal + "/won", body("note", "signed")},
                new String[] {"rep2", deal + "/reopen", body("stage", "NEGOTIATION", "note", "withdrawn")},
                new String[] {"rep2", deal + "/lost", body("reason", "competitor", "note", "price")});
        for (int version = 0; version < commands.size(); version++) {
            String[] command = commands.get(version);
            Reply reply = http.post(command[0], command[1], command[2]);
            assertThat(reply.version()).as(reply.body()).isEqualTo(version);

            JsonNode summary = http.awaitVersion(id, version);
            Reply asOf = http.get("analyst", deal + "?knownAt=" + Instant.now());
            assertThat(asOf.status()).as(asOf.body()).isEqualTo(200);
            assertSameFields(summary, asOf.json(), "after event " + version);
        }
        JsonNode last = http.get("rep", deal + "?asOf=" + Instant.now()).json();
        assertThat(last.path("profile").path("product").asText()).isEqualTo("Ledger");
        assertThat(last.path("profile").path("accountEmployees").asInt()).isEqualTo(120);
        assertThat(last.has("asOf")).isTrue();
        assertThat(last.has("knownAt")).isTrue();
        assertThat(http.get("rep", deal).json().has("asOf")).as("without either the answer is today's").isFalse();
    }

    @Test
    void aBackdatedHistoryIsOneThingAsOfThenAndAnotherAsKnownThen() {
        LedgerHttp http = new LedgerHttp(port);
        String id = "asof-backdated-" + UUID.randomUUID();
        String deal = "/api/opportunities/" + id;
        assertThat(http.post("admin", "/api/opportunities", body("id", id, "name", "Imported " + id, "account",
                "Initech", "owner", "rep", "amount", 1000, "closeDate", "2025-09-30",
                "occurredAt", "2025-03-01T09:00:00Z")).version()).isZero();
        assertThat(http.post("admin", deal + "/stage", body("stage", "DISCOVERY",
                "occurredAt", "2025-04-01T09:00:00Z")).version()).isEqualTo(1);
        JsonNode history = http.history(id);
        Instant createdRecorded = Instant.parse(history.get(0).path("recordedAt").asText());
        Instant advancedRecorded = Instant.parse(history.get(1).path("recordedAt").asText());
        assertThat(advancedRecorded).isAfter(createdRecorded);

        // as of 15 March (business time), as known now: created, not yet advanced
        JsonNode march = ok(http, deal + "?asOf=2025-03-15T00:00:00Z");
        assertThat(march.path("stage").asText()).isEqualTo("PROSPECTING");
        assertThat(march.path("version").asLong()).isZero();
        assertThat(march.path("asOf").asText()).isEqualTo("2025-03-15T00:00:00Z");
        // a bare date is the end of that day in UTC: the advance at 09:00 that day is in
        JsonNode firstOfApril = ok(http, deal + "?asOf=2025-04-01");
        assertThat(firstOfApril.path("stage").asText()).isEqualTo("DISCOVERY");
        assertThat(firstOfApril.path("asOf").asText()).isEqualTo("2025-04-01T23:59:59.999999999Z");
        assertThat(ok(http, deal + "?asOf=2025-03-31").path("stage").asText()).isEqualTo("PROSPECTING");
        // as of April (business time), the advance had occurred, but known just before it was recorded it was not
        JsonNode knownBefore = ok(http, deal + "?asOf=2025-04-02T00:00:00Z&knownAt=" + advancedRecorded.minusMillis(1));
        assertThat(knownBefore.path("stage").asText()).isEqualTo("PROSPECTING");
        assertThat(knownBefore.path("version").asLong()).isZero();
        JsonNode knownAt = ok(http, deal + "?asOf=2025-04-02T00:00:00Z&knownAt=" + advancedRecorded);
        assertThat(knownAt.path("stage").asText()).as("knownAt is inclusive").isEqualTo("DISCOVERY");
        // knownAt alone: business time is now
        assertThat(ok(http, deal + "?knownAt=" + createdRecorded).path("version").asLong()).isZero();
        // before the ledger knew the deal, or before it was created, there is no deal
        assertProblem(http.get("rep", deal + "?knownAt=" + createdRecorded.minusMillis(1)), 404,
                "OPPORTUNITY_NOT_FOUND");
        assertProblem(http.get("rep", deal + "?asOf=2025-02-28T23:59:59Z"), 404, "OPPORTUNITY_NOT_FOUND");
        assertProblem(http.get("rep", "/api/opportunities/asof-none-" + UUID.randomUUID() + "?asOf=2025-03-01"),
                404, "OPPORTUNITY_NOT_FOUND");
    }

    @Test
    void anInstantThatIsNoneOrInTheFutureIsRefusedNamingItsParameter() {
        LedgerHttp http = new LedgerHttp(port);
        String id = "asof-bad-" + UUID.randomUUID();
        assertThat(http.post("rep", "/api/opportunities", body("id", id, "name", "Deal", "account", "Acme",
                "amount", 10, "closeDate", "2031-06-30")).version()).isZero();
        String future = Instant.now().plusSeconds(3600).toString();
        for (String path : List.of("/api/opportunities/" + id, "/api/board")) {
            String separator = path.contains("?") ? "&" : "?";
            for (String bad : List.of("yesterday", "2026-13-01", "2026-06-30T25:00:00Z", "2026-06-30T12:00:00",
                    "1719763200", "", future, "9999-12-31", "-0001-12-31T00:00:00Z",
                    "-999999999-01-01T00:00:00Z")) {
                for (String parameter : List.of("asOf", "knownAt")) {
                    Reply reply = http.get("rep", path + separator + parameter + "="
                            + URLEncoder.encode(bad, StandardCharsets.UTF_8));
                    JsonNode problem = assertProblem(reply, 400, "INVALID_PARAMETER");
                    assertThat(problem.path("parameter").asText()).as(reply.body()).isEqualTo(parameter);
                }
            }
        }
        String today = Instant.now().toString().substring(0, 10);
        assertThat(assertProblem(http.get("rep", "/api/board?asOf=" + today), 400, "INVALID_PARAMETER")
                .path("detail").asText()).as("today has not ended").contains("future");
        assertProblem(http.get("rep", "/api/board?asOf=2025-01-01&cardsPerStage=5"), 400, "INVALID_PARAMETER");
        assertThat(http.get("rep", "/api/board?asOf=2025-01-01&cardsPerStage=0").status()).isEqualTo(200);
        assertThat(http.get("rep", "/api/opportunities/" + id + "?asOf=2025-01-01T00:00:00%2B02:00").status())
                .as("an offset other than Z: before the deal was created").isEqualTo(404);
        assertProblem(http.get("rep", "/api/board?pipeline=nope&asOf=2025-01-01"), 400, "UNKNOWN_PIPELINE");
    }

    @Test
    void theTimelineShowsEveryEventWithWhatItChangedWhoAndItsHashAsJsonAndCsv() {
        LedgerHttp http = new LedgerHttp(port);
        String id = "asof-timeline-" + UUID.randomUUID();
        String deal = "/api/opportunities/" + id;
        assertThat(http.post("rep", "/api/opportunities", body("id", id, "name", "=HYPERLINK(\"x\")", "account",
                "Acme, Inc.", "amount", 500, "closeDate", "2031-06-30"),
                Map.of("X-Request-Id", "req-tl-0", "X-Correlation-Id", "corr-tl")).version()).isZero();
        assertThat(http.post("rep", deal + "/stage", body("stage", "QUALIFIED"),
                Map.of("X-Request-Id", "req-tl-1", "X-Correlation-Id", "corr-tl")).version()).isEqualTo(1);
        assertThat(http.post("rep", deal + "/notes", body("text", "+1 from the buyer"),
                Map.of("X-Request-Id", "req-tl-2")).version()).isEqualTo(2);
        assertThat(http.post("rep", deal + "/amount", body("amount", 750, "reason", "more"),
                Map.of("X-Request-Id", "req-tl-3")).version()).isEqualTo(3);

        Reply reply = http.get("analyst", deal + "/audit");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode events = reply.json().path("events");
        assertThat(events).hasSize(4);
        List<String> hashes = jdbc.query("SELECT hash FROM audit_event_hash WHERE aggregateidentifier = ?"
                + " ORDER BY sequencenumber", (row, n) -> EventChain.hex(row.getBytes(1)), id);
        JsonNode history = http.history(id);
        for (int i = 0; i < 4; i++) {
            JsonNode event = events.get(i);
            assertThat(event.path("sequence").asLong()).isEqualTo(i);
            assertThat(event.path("hash").asText()).isEqualTo(hashes.get(i));
            assertThat(event.path("chainedBy").asText()).isEqualTo("APPEND");
            assertThat(event.path("actor").asText()).isEqualTo("rep");
            assertThat(event.path("requestId").asText()).isEqualTo("req-tl-" + i);
            assertThat(event.path("recordedAt").asText()).isEqualTo(history.get(i).path("recordedAt").asText());
            assertThat(event.path("occurredAt").asText()).isEqualTo(history.get(i).path("occurredAt").asText());
            assertThat(event.path("type").asText()).isEqualTo(history.get(i).path("type").asText());
            assertThat(event.path("state").path("version").asLong()).isEqualTo(i);
        }
        assertThat(events.get(0).path("correlationId").asText()).isEqualTo("corr-tl");
        assertThat(fieldsChanged(events.get(0))).contains("name", "account", "stage", "amount", "createdAt");
        assertThat(fieldsChanged(events.get(1))).containsExactly("stage", "stageEnteredAt");
        assertThat(events.get(1).path("changes").get(0).path("from").asText()).isEqualTo("PROSPECTING");
        assertThat(events.get(1).path("changes").get(0).path("to").asText()).isEqualTo("QUALIFIED");
        assertThat(events.get(1).path("state").path("stage").asText()).isEqualTo("QUALIFIED");
        assertThat(fieldsChanged(events.get(2))).as("a note changes no field").isEmpty();
        assertThat(events.get(2).path("remarks").path("text").asText()).isEqualTo("+1 from the buyer");
        assertThat(events.get(3).path("remarks").path("reason").asText()).isEqualTo("more");
        assertThat(fieldsChanged(events.get(3))).containsExactly("amount");
        assertThat(events.get(3).path("changes").get(0).path("from").decimalValue()).isEqualByComparingTo("500");
        assertThat(events.get(3).path("changes").get(0).path("to").decimalValue()).isEqualByComparingTo("750");

        // the same as CSV, asked for either way
        for (Reply csv : List.of(http.send("GET", deal + "/audit", "auditor", LedgerHttp.PASSWORD, null,
                Map.of("Accept", "text/csv")), http.get("auditor", deal + "/audit?format=csv"))) {
            assertThat(csv.status()).as(csv.body()).isEqualTo(200);
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.header("Content-Disposition")).contains("attachment").contains("timeline-" + id + ".csv");
            String[] lines = csv.body().split("\r\n");
            assertThat(lines).hasSize(5);
            assertThat(lines[0]).startsWith("deal,sequence,type,occurredAt,recordedAt,actor,requestId,correlationId,"
                    + "remarks,changes,hash,chainedBy,name,account,");
            assertThat(lines[1]).contains(",\"'=HYPERLINK(\"\"x\"\")\"").contains("\"Acme, Inc.\"").contains(hashes.get(0));
            assertThat(lines[2]).contains("stage: PROSPECTING -> QUALIFIED; stageEnteredAt: ");
            assertThat(lines[3]).contains(",text: +1 from the buyer,");
            assertThat(lines[4]).contains("reason: more,amount: 500 -> 750");
        }
        assertProblem(http.get("analyst", deal + "/audit?format=xml"), 400, "INVALID_PARAMETER");
        assertProblem(http.get("analyst", "/api/opportunities/asof-none-" + UUID.randomUUID() + "/audit"), 404,
                "OPPORTUNITY_NOT_FOUND");
    }

    private static JsonNode ok(LedgerHttp http, String path) {
        Reply reply = http.get("analyst", path);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> fieldsChanged(JsonNode event) {
        List<String> fields = new ArrayList<>();
        event.path("changes").forEach(change -> fields.add(change.path("field").asText()));
        return fields;
    }

    /** Every field of the summary, with the same value in the as-of answer (decimals by value). */
    private static void assertSameFields(JsonNode summary, JsonNode asOf, String when) {
        for (Iterator<String> names = summary.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode expected = summary.get(name);
            JsonNode actual = asOf.path(name);
            if (name.endsWith("At") && expected.isTextual()) {
                // the board keeps instants to the microsecond (rounded, H2's default precision); the fold, as recorded
                long nanos = java.time.Duration.between(Instant.parse(expected.asText()),
                        Instant.parse(actual.asText())).toNanos();
                assertThat(Math.abs(nanos)).as(name + " " + when + ": " + expected + " / " + actual).isLessThan(1_000);
            } else if (expected.isNumber() && actual.isNumber()) {
                assertThat(actual.decimalValue()).as(name + " " + when).isEqualByComparingTo(expected.decimalValue());
            } else {
                assertThat(actual).as(name + " " + when).isEqualTo(expected);
            }
        }
        for (Iterator<String> names = asOf.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertThat(summary.has(name) || List.of("profile", "asOf", "knownAt").contains(name))
                    .as("as-of field %s has no counterpart %s", name, when).isTrue();
        }
    }
}
