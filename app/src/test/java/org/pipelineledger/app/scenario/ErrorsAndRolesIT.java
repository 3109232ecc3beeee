package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every error status of the API through real HTTP, each a problem ({@code application/problem+json}) with its
 * stable code, and every refused command checked to have appended nothing; then what each role may do.
 * <p>
 * Runs on the wall clock and shares its context with the other tests of the same configuration
 * ({@code ApplicationEdgesIT}), so every deal here has an id of its own and no assertion counts the whole board.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class ErrorsAndRolesIT {

    private static final List<String> EVERY_USER = List.of("rep", "rep2", "manager", "analyst", "auditor", "admin");
    private static final AtomicInteger DEALS = new AtomicInteger();
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @LocalServerPort
    int port;

    private LedgerHttp http;

    @BeforeEach
    void connect() {
        http = new LedgerHttp(port);
    }

    private static String newId(String what) {
        return "err-" + what + "-" + DEALS.incrementAndGet();
    }

    /** A deal owned by {@code owner}, created by them, in {@code stage} (null: the first), with a positive amount. */
    private String deal(String owner, String stage) {
        return deal(owner, stage, 25000);
    }

    private String deal(String owner, String stage, Object amount) {
        String id = newId(owner);
        Reply created = http.post(owner, "/api/opportunities", body("id", id, "name", "Deal " + id,
                "account", "Account of " + id, "stage", stage, "amount", amount, "closeDate", "2031-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    private long change(String user, String id, String action, String json) {
        Reply reply = http.post(user, "/api/opportunities/" + id + action, json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.version();
    }

    /**
     * Sends a change of an existing deal that must be refused: the problem, with the request id it was sent with,
     * and the deal's history exactly as long as before.
     */
    private JsonNode refused(String id, String user, String action, String json, int status, String code) {
        int before = http.historyLength(id);
        String requestId = "err-request-" + REQUESTS.incrementAndGet();
        Reply reply = http.post(user, "/api/opportunities/" + id + action, json, Map.of("X-Request-Id", requestId));
        JsonNode problem = assertProblem(reply, status, code);
        assertThat(problem.path("requestId").asText()).isEqualTo(requestId);
        assertThat(problem.path("instance").asText()).isEqualTo("/api/opportunities/" + id + action);
        assertThat(http.historyLength(id)).as("a refused %s appends nothing", code).isEqualTo(before);
        return problem;
    }

    /** Sends a creation that must be refused; afterwards there is no deal with that id. */
    private JsonNode refusedCreation(String user, String id, String json, int status, String code) {
        JsonNode problem = assertProblem(http.post(user, "/api/opportunities", json), status, code);
        assertNoDeal(id);
        return problem;
    }

    private void assertNoDeal(String id) {
        assertProblem(http.get("auditor", "/api/opportunities/" + id + "/history"), 404, "OPPORTUNITY_NOT_FOUND");
    }

    private static String creation(String id, Object... more) {
        Object[] fields = {"id", id, "name", "Deal " + id, "account", "Account", "amount", 1000,
                "closeDate", "2031-06-30"};
        Object[] all = new Object[fields.length + more.length];
        System.arraycopy(fields, 0, all, 0, fields.length);
        System.arraycopy(more, 0, all, fields.length, more.length);
        return body(all);
    }

    // ---- 400 --------------------------------------------------------------------------------------------------

    @Test
    void malformedJsonIsAMalformedRequest() {
        String id = deal("rep", null);

        refused(id, "rep", "/stage", "{\"stage\": ", 400, "MALFORMED_REQUEST");
        refused(id, "rep", "/notes", "[\"not\", \"an\", \"object\"]", 400, "MALFORMED_REQUEST");
        refusedCreation("rep", newId("malformed"), "{\"name\": \"Half", 400, "MALFORMED_REQUEST");
    }

    @Test
    void aFieldOfTheWrongTypeIsAMalformedRequestNamingTheField() {
        String id = deal("rep", null);

        JsonNode problem = refused(id, "rep", "/amount", "{\"amount\": \"lots\"}", 400, "MALFORMED_REQUEST");
        assertThat(problem.path("field").asText()).isEqualTo("amount");
        refused(id, "rep", "/close-date", "{\"closeDate\": \"next tuesday\"}", 400, "MALFORMED_REQUEST");
        refused(id, "rep", "/stage", "{\"stage\": \"DISCOVERY\", \"expectedVersion\": \"latest\"}", 400,
                "MALFORMED_REQUEST");
        refused(id, "rep", "/stage", "{\"stage\": \"DISCOVERY\", \"occurredAt\": \"yesterday\"}", 400,
                "MALFORMED_REQUEST");
        String other = newId("wrong-type");
        refusedCreation("rep", other, body("id", other, "name", "Deal", "account", "A", "amount", "lots",
                "closeDate", "2031-06-30"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void aMissingRequiredFieldIsAValidationFailureNamingTheField() {
        String id = deal("rep", null);

        assertThat(refused(id, "rep", "/stage", "{}", 400, "VALIDATION_FAILED").path("errors").findValuesAsText("field"))
                .containsExactly("stage");
        assertThat(refused(id, "rep", "/close-date", body("reason", "none"), 400, "VALIDATION_FAILED")
                .path("errors").findValuesAsText("field")).containsExactly("closeDate");
        refused(id, "rep", "/outlook", "{}", 400, "VALIDATION_FAILED");
        refused(id, "rep", "/amount", "{}", 400, "VALIDATION_FAILED");
        refused(id, "rep", "/next-step", body("description", "Call"), 400, "VALIDATION_FAILED");
        refused(id, "rep", "/notes", body("text", " "), 400, "VALIDATION_FAILED");
        refused(id, "manager", "/owner", "{}", 400, "VALIDATION_FAILED");
        refused(id, "rep", "/stage", body("stage", "DISCOVERY", "expectedVersion", -1), 400, "VALIDATION_FAILED");

        String other = newId("missing");
        JsonNode problem = refusedCreation("rep", other, body("id", other, "account", "A", "amount", 1), 400,
                "VALIDATION_FAILED");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("closeDate", "name");
    }

    @Test
    void anUnknownStageIsRefused() {
        String id = deal("rep", null);

        refused(id, "rep", "/stage", body("stage", "CLOSED_WON"), 400, "UNKNOWN_STAGE");
        refused(id, "rep", "/stage", body("stage", "closed won"), 400, "UNKNOWN_STAGE");
        String other = newId("unknown-stage");
        refusedCreation("rep", other, creation(other, "stage", "SHORTLIST"), 400, "UNKNOWN_STAGE");
    }

    @Test
    void anUnknownEnumValueIsAMalformedRequest() {
        String id = deal("rep", "DISCOVERY");

        refused(id, "rep", "/outlook", body("outlook", "SUNNY"), 400, "MALFORMED_REQUEST");
        refused(id, "rep", "/stage", body("stage", "QUALIFIED", "reason", "BECAUSE", "note", "n"), 400,
                "MALFORMED_REQUEST");
        String other = newId("unknown-outlook");
        refusedCreation("rep", other, creation(other, "outlook", "ROSY"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void anUnknownPipelineIsRefusedByCommandsAndQueries() {
        String id = newId("unknown-pipeline");
        refusedCreation("rep", id, creation(id, "pipeline", "no-such-pipeline"), 400, "UNKNOWN_PIPELINE");

        assertProblem(http.get("rep", "/api/board?pipeline=no-such-pipeline"), 400, "UNKNOWN_PIPELINE");
        assertProblem(http.get("rep", "/api/reports/days-in-stage?pipeline=no-such-pipeline"), 400,
                "UNKNOWN_PIPELINE");
        assertProblem(http.get("rep", "/api/reports/slippage?pipeline=no-such-pipeline"), 400, "UNKNOWN_PIPELINE");
        assertProblem(http.get("rep", "/api/reports/reversions?pipeline=no-such-pipeline"), 400, "UNKNOWN_PIPELINE");
    }

    @Test
    void aBadReportPeriodIsRefused() {
        assertProblem(http.get("analyst", "/api/reports/reversions?from=2025-04-01&to=2025-03-01"), 400,
                "INVALID_PERIOD");
        assertProblem(http.get("analyst", "/api/reports/reversions?from=last-week"), 400, "INVALID_PARAMETER");
    }

    // ---- 401 --------------------------------------------------------------------------------------------------

    @Test
    void missingOrWrongCredentialsAreUnauthenticatedWithABasicChallenge() {
        String id = deal("rep", null);

        for (Reply reply : List.of(
                http.send("GET", "/api/board", null, null, null, Map.of()),
                http.send("GET", "/api/board", "rep", "wrong", null, Map.of()),
                http.send("GET", "/api/opportunities/" + id, "nobody", "demo", null, Map.of()),
                http.send("POST", "/api/opportunities/" + id + "/notes", null, null, body("text", "hi"), Map.of()),
                http.send("POST", "/api/opportunities/" + id + "/notes", "rep", "Demo", body("text", "hi"), Map.of()),
                http.send("POST", "/api/opportunities", "rep", "", creation(newId("anonymous")), Map.of()))) {
            assertProblem(reply, 401, "UNAUTHENTICATED");
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Basic realm=\"pipeline-ledger\"");
        }
        assertThat(http.historyLength(id)).isEqualTo(1);
    }

    // ---- 403 --------------------------------------------------------------------------------------------------

    @Test
    void readOnlyRolesMayNotSendCommands() {
        String id = deal("rep", null);

        String analystsDeal = newId("analyst");
        refusedCreation("analyst", analystsDeal, creation(analystsDeal), 403, "ACCESS_DENIED");
        refused(id, "auditor", "/notes", body("text", "Audited"), 403, "ACCESS_DENIED");
        refused(id, "analyst", "/stage", body("stage", "DISCOVERY"), 403, "ACCESS_DENIED");
        refused(id, "auditor", "/won", "{}", 403, "ACCESS_DENIED");
    }

    @Test
    void aRepMayNotChangeAnotherRepsDeal() {
        String id = deal("rep2", null);

        refused(id, "rep", "/stage", body("stage", "DISCOVERY"), 403, "NOT_DEAL_OWNER");
        refused(id, "rep", "/amount", body("amount", 1), 403, "NOT_DEAL_OWNER");
        refused(id, "rep", "/notes", body("text", "Mine now"), 403, "NOT_DEAL_OWNER");
        refused(id, "rep", "/lost", body("reason", "Not mine"), 403, "NOT_DEAL_OWNER");
        String forSomeoneElse = newId("for-rep2");
        refusedCreation("rep", forSomeoneElse, creation(forSomeoneElse, "owner", "rep2"), 403, "NOT_DEAL_OWNER");
    }

    @Test
    void onlyAdminsMayBackdate() {
        String id = deal("rep", null);
        String yesterday = Instant.now().minus(Duration.ofDays(1)).toString();

        refused(id, "rep", "/stage", body("stage", "DISCOVERY", "occurredAt", yesterday), 403, "BACKDATING_NOT_ALLOWED");
        refused(id, "manager", "/notes", body("text", "Late", "occurredAt", yesterday), 403, "BACKDATING_NOT_ALLOWED");
        String backdated = newId("backdated");
        refusedCreation("rep", backdated, creation(backdated, "occurredAt", "2025-01-10T10:00:00Z"), 403,
                "BACKDATING_NOT_ALLOWED");
    }

    @Test
    void aRepMayNotReassignEvenTheirOwnDeal() {
        String id = deal("rep", null);

        refused(id, "rep", "/owner", body("owner", "rep2"), 403, "REASSIGN_NOT_ALLOWED");
    }

    // ---- 404 --------------------------------------------------------------------------------------------------

    @Test
    void anUnknownDealIsNotFoundForEveryCommandAndEveryQuery() {
        String id = newId("nobody");

        // each command with a body it reads: an unknown field would be refused before the deal is looked up
        Map<String, String> commands = Map.of(
                "/stage", body("stage", "DISCOVERY"),
                "/notes", body("text", "hello"),
                "/won", body("note", "n"),
                "/reopen", body("stage", "DISCOVERY", "note", "n"));
        commands.forEach((action, command) -> assertProblem(
                http.post("manager", "/api/opportunities/" + id + action, command), 404, "OPPORTUNITY_NOT_FOUND"));
        for (String query : List.of("", "/history", "/days-in-stage", "/slippage")) {
            assertProblem(http.get("analyst", "/api/opportunities/" + id + query), 404, "OPPORTUNITY_NOT_FOUND");
        }
        assertProblem(http.post("rep", "/api/opportunities/-not-an-id/notes", body("text", "hello")), 404,
                "OPPORTUNITY_NOT_FOUND");
        assertProblem(http.get("analyst", "/api/opportunities/-not-an-id/history"), 404, "OPPORTUNITY_NOT_FOUND");
        assertNoDeal(id);
    }

    // ---- 409 --------------------------------------------------------------------------------------------------

    @Test
    void movingToTheStageTheDealIsInIsAConflict() {
        String id = deal("rep", "DISCOVERY");

        refused(id, "rep", "/stage", body("stage", "DISCOVERY"), 409, "ALREADY_IN_STAGE");
    }

    @Test
    void changingNothingIsAConflict() {
        String id = deal("rep", null);

        refused(id, "rep", "/close-date", body("closeDate", "2031-06-30"), 409, "CLOSE_DATE_UNCHANGED");
        refused(id, "rep", "/outlook", body("outlook", "NEUTRAL"), 409, "OUTLOOK_UNCHANGED");
        refused(id, "rep", "/amount", body("amount", "25000.00"), 409, "AMOUNT_UNCHANGED");
        refused(id, "manager", "/owner", body("owner", "rep"), 409, "OWNER_UNCHANGED");
    }

    @Test
    void aStaleExpectedVersionIsAConflictEvenWhenTheChangeWouldBeRefusedAnyway() {
        String id = deal("rep", null);
        assertThat(change("rep", id, "/stage", body("stage", "QUALIFIED", "expectedVersion", 0))).isEqualTo(1);

        refused(id, "rep", "/stage", body("stage", "DISCOVERY", "expectedVersion", 0), 409, "STALE_VERSION");
        refused(id, "rep", "/stage", body("stage", "QUALIFIED", "expectedVersion", 0), 409, "STALE_VERSION");
        refused(id, "rep", "/notes", body("text", "From the future", "expectedVersion", 7), 409, "STALE_VERSION");
        assertThat(change("rep", id, "/stage", body("stage", "DISCOVERY", "expectedVersion", 1))).isEqualTo(2);
    }

    @Test
    void creatingAnIdThatIsTakenIsAConflictAndKeepsTheFirstDeal() {
        String id = deal("rep", null);

        assertProblem(http.post("rep2", "/api/opportunities", creation(id, "name", "Impostor")), 409,
                "OPPORTUNITY_EXISTS");
        JsonNode events = http.history(id);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("payload").path("name").asText()).isEqualTo("Deal " + id);
        assertThat(events.get(0).path("metadata").path("actor").asText()).isEqualTo("rep");
    }

    @Test
    void aClosedDealOnlyReopens() {
        String won = deal("rep", "NEGOTIATION");
        change("rep", won, "/won", "{}");
        String lost = deal("rep", null);
        change("rep", lost, "/lost", body("reason", "No budget"));

        for (String id : List.of(won, lost)) {
            refused(id, "rep", "/stage", body("stage", "QUALIFIED", "reason", "OTHER", "note", "n"), 409,
                    "OPPORTUNITY_CLOSED");
            refused(id, "rep", "/amount", body("amount", 5), 409, "OPPORTUNITY_CLOSED");
            refused(id, "rep", "/notes", body("text", "After the fact"), 409, "OPPORTUNITY_CLOSED");
            refused(id, "manager", "/owner", body("owner", "rep2"), 409, "OPPORTUNITY_CLOSED");
            refused(id, "rep", "/won", "{}", 409, "OPPORTUNITY_CLOSED");
            refused(id, "rep", "/lost", body("reason", "Again"), 409, "OPPORTUNITY_CLOSED");
        }
        String open = deal("rep", null);
        refused(open, "rep", "/reopen", body("stage", "QUALIFIED", "note", "Was never closed"), 409,
                "OPPORTUNITY_OPEN");
        assertThat(change("rep", lost, "/reopen", body("stage", "QUALIFIED", "note", "Budget found"))).isEqualTo(2);
    }

    // ---- 422 --------------------------------------------------------------------------------------------------

    @Test
    void enteringAQuotedStageWithoutAnAmountBreaksItsEntryCriteria() {
        String id = deal("rep", "QUALIFIED", 0);

        refused(id, "rep", "/stage", body("stage", "PROPOSAL"), 422, "ENTRY_CRITERIA_NOT_MET");
        refused(id, "rep", "/stage", body("stage", "NEGOTIATION"), 422, "ENTRY_CRITERIA_NOT_MET");
        String quoted = newId("quoted");
        refusedCreation("rep", quoted, body("id", quoted, "name", "Q", "account", "A", "stage", "PROPOSAL",
                "amount", 0, "closeDate", "2031-06-30"), 422, "ENTRY_CRITERIA_NOT_MET");

        assertThat(change("rep", id, "/amount", body("amount", 10))).isEqualTo(1);
        assertThat(change("rep", id, "/stage", body("stage", "PROPOSAL"))).isEqualTo(2);
    }

    @Test
    void aNegativeAmountBreaksARule() {
        String id = deal("rep", null);

        refused(id, "rep", "/amount", body("amount", -1), 422, "NEGATIVE_AMOUNT");
        String negative = newId("negative");
        refusedCreation("rep", negative, body("id", negative, "name", "N", "account", "A", "amount", "-0.01",
                "closeDate", "2031-06-30"), 422, "NEGATIVE_AMOUNT");
    }

    @Test
    void aBackwardMoveNeedsAReasonAndANote() {
        String id = deal("rep", "DISCOVERY");

        refused(id, "rep", "/stage", body("stage", "QUALIFIED"), 422, "REVERSION_REASON_REQUIRED");
        refused(id, "rep", "/stage", body("stage", "QUALIFIED", "note", "Why"), 422, "REVERSION_REASON_REQUIRED");
        refused(id, "rep", "/stage", body("stage", "QUALIFIED", "reason", "BUDGET"), 422, "REVERSION_NOTE_REQUIRED");
    }

    @Test
    void losingNeedsAReasonAndReopeningANote() {
        String id = deal("rep", null);

        refused(id, "rep", "/lost", "{}", 422, "LOSS_REASON_REQUIRED");
        refused(id, "rep", "/lost", body("reason", "  ", "note", "n"), 422, "LOSS_REASON_REQUIRED");
        change("rep", id, "/lost", body("reason", "Went quiet"));
        refused(id, "rep", "/reopen", body("stage", "QUALIFIED"), 422, "REOPEN_NOTE_REQUIRED");
    }

    @Test
    void anAdminMayNotBackdateIntoTheFutureNorBeforeTheDealsPreviousEvent() {
        String id = newId("admin");
        assertThat(http.post("admin", "/api/opportunities", creation(id, "owner", "rep",
                "occurredAt", "2025-01-10T10:00:00Z")).status()).isEqualTo(201);
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();

        refused(id, "admin", "/stage", body("stage", "QUALIFIED", "occurredAt", tomorrow), 422,
                "OCCURRED_AT_IN_FUTURE");
        refused(id, "admin", "/stage", body("stage", "QUALIFIED", "occurredAt", "2025-01-09T23:59:59Z"), 422,
                "OCCURRED_AT_BEFORE_PREVIOUS_EVENT");
        String future = newId("future");
        refusedCreation("admin", future, creation(future, "occurredAt", tomorrow), 422, "OCCURRED_AT_IN_FUTURE");
    }

    // ---- roles ------------------------------------------------------------------------------------------------

    @Test
    void everyRoleMayReadTheBoardTheReportsAndEachDeal() {
        String id = deal("rep", "PROPOSAL");
        change("rep", id, "/close-date", body("closeDate", "2031-07-31"));
        change("rep", id, "/stage", body("stage", "DISCOVERY", "reason", "CHANGING_NEEDS", "note", "Scope grew"));
        http.awaitVersion(id, 2);
        http.awaitJson("/api/opportunities/" + id + "/days-in-stage", deal -> deal.path("visits").size() == 2);
        http.awaitJson("/api/opportunities/" + id + "/slippage", deal -> deal.path("slipCount").asInt() == 1);

        for (String user : EVERY_USER) {
            for (String path : List.of("/api/board", "/api/reports/days-in-stage", "/api/reports/slippage",
                    "/api/reports/reversions", "/api/reports/reversions?owner=rep", "/api/opportunities/" + id,
                    "/api/opportunities/" + id + "/history", "/api/opportunities/" + id + "/days-in-stage",
                    "/api/opportunities/" + id + "/slippage")) {
                Reply reply = http.get(user, path);
                assertThat(reply.status()).as("%s reading %s: %s", user, path, reply.body()).isEqualTo(200);
                assertThat(reply.header("Content-Type")).startsWith("application/json");
            }
        }
        JsonNode board = http.get("auditor", "/api/board").json();
        assertThat(board.findValuesAsText("id")).contains(id);
    }

    @Test
    void aManagerMayChangeAndCreateAnyonesDeals() {
        String id = deal("rep", null);

        change("manager", id, "/stage", body("stage", "DISCOVERY"));
        change("manager", id, "/amount", body("amount", 31000));
        change("manager", id, "/notes", body("text", "Manager was here"));
        change("manager", id, "/owner", body("owner", "rep2"));
        change("manager", id, "/won", body("note", "Closed by the manager"));
        JsonNode events = http.history(id);
        assertThat(events).hasSize(6);
        assertThat(events.findValuesAsText("actor")).containsExactly("rep", "manager", "manager", "manager",
                "manager", "manager");

        String forRep = newId("by-manager");
        assertThat(http.post("manager", "/api/opportunities", creation(forRep, "owner", "rep")).status())
                .isEqualTo(201);
        assertThat(http.history(forRep).get(0).path("payload").path("owner").asText()).isEqualTo("rep");
        assertThat(change("rep", forRep, "/notes", body("text", "Thanks"))).as("and the owner may work on it")
                .isEqualTo(1);
    }

    @Test
    void anAdminMayBackdateAndTheEventKeepsTheSuppliedTime() {
        String id = newId("import");
        Instant created = Instant.parse("2025-01-10T10:00:00Z");
        Instant advanced = Instant.parse("2025-01-12T15:30:00Z");

        Reply reply = http.post("admin", "/api/opportunities", creation(id, "owner", "rep", "occurredAt",
                created.toString()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(change("admin", id, "/stage", body("stage", "QUALIFIED", "occurredAt", advanced.toString())))
                .isEqualTo(1);
        assertThat(change("admin", id, "/notes", body("text", "Imported", "occurredAt", advanced.toString())))
                .as("the same instant as the previous event is not before it").isEqualTo(2);

        JsonNode events = http.history(id);
        assertThat(Instant.parse(events.get(0).path("occurredAt").asText())).isEqualTo(created);
        assertThat(Instant.parse(events.get(0).path("payload").path("occurredAt").asText())).isEqualTo(created);
        assertThat(Instant.parse(events.get(1).path("occurredAt").asText())).isEqualTo(advanced);
        assertThat(Instant.parse(events.get(1).path("recordedAt").asText())).as("stored now, not then")
                .isAfter(advanced.plus(Duration.ofDays(1)));
        assertThat(events.findValuesAsText("actor")).containsOnly("admin");

        JsonNode summary = http.awaitVersion(id, 2);
        assertThat(Instant.parse(summary.path("createdAt").asText())).isEqualTo(created);
        assertThat(Instant.parse(summary.path("stageEnteredAt").asText())).isEqualTo(advanced);
        assertThat(summary.path("owner").asText()).isEqualTo("rep");
    }
}
