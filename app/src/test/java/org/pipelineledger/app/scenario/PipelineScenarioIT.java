package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;
import static org.pipelineledger.app.scenario.LedgerHttp.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole scenario of the ledger over real HTTP, as the demo users: three deals move through the default pipeline
 * over six weeks of business time (the {@link ScenarioClock}), with every kind of change, two refused backward moves
 * and a refused change of a won deal. Then every read model is asked over HTTP what it made of it.
 * <p>
 * The scenario is played once, before the tests; each test checks one read model. This class has its own context
 * (the scenario clock), so the counts and totals it asserts are exactly those of the three deals.
 * <p>
 * Business days of the scenario (day 0 = Monday 2025-03-03 09:00 UTC):
 * <pre>
 * Acme renewal (rep, later rep2)         Globex pilot (rep)     Initech expansion (rep2)
 *  0 created in PROSPECTING, 50 000       1 created QUALIFIED     3 created in PROSPECTING
 *  2 advanced to DISCOVERY                                         4 advanced to PROPOSAL
 *  5 advanced to NEGOTIATION (skips PROPOSAL)
 *  6 reverted without reason, then without note: refused; reverted to DISCOVERY (MAJOR_OBJECTION)
 *  9 close date slipped 31 days; 10 pulled in 16 days; 11 outlook CAUTIOUS; 12 amount 42 000 and next step
 * 13 note; 14 manager reassigns to rep2; 16 rep2 advances to PROPOSAL; 20 won; 21 amount change refused (closed)
 * 22 reopened in NEGOTIATION; 25 lost                              30 reverted to DISCOVERY (BUDGET)
 * 44 the read models are asked
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
@Import(ScenarioClock.Registration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineScenarioIT {

    private static final String ACME = "scn-acme-renewal";
    private static final String GLOBEX = "scn-globex-pilot";
    private static final String INITECH = "scn-initech-expansion";
    private static final String ACME_CORRELATION = "corr-acme-renewal";

    @LocalServerPort
    int port;

    @Autowired
    ScenarioClock clock;

    private LedgerHttp http;

    /** The request id sent with each of Acme's accepted commands, by the version it produced. */
    private final List<String> acmeRequestIds = new ArrayList<>();
    private Reply acmeCreated;

    private static Instant day(int day) {
        return ScenarioClock.Registration.START.plus(Duration.ofDays(day));
    }

    @BeforeAll
    void playTheScenario() {
        http = new LedgerHttp(port);

        at(0);
        acmeCreated = acme("rep", "/api/opportunities", body("id", ACME, "name", "Acme renewal", "account", "Acme Corp",
                "amount", 50000, "closeDate", "2025-06-30"), 0);
        at(1);
        assertThat(http.post("rep", "/api/opportunities", body("id", GLOBEX, "name", "Globex pilot",
                "account", "Globex", "stage", "QUALIFIED", "amount", 12000, "closeDate", "2025-05-15",
                "outlook", "POSITIVE")).version()).isZero();
        at(2);
        acme("rep", "/stage", body("stage", "DISCOVERY"), 1);
        at(3);
        assertThat(http.post("rep2", "/api/opportunities", body("id", INITECH, "name", "Initech expansion",
                "account", "Initech", "amount", 30000, "closeDate", "2025-03-31")).version()).isZero();
        at(4);
        assertThat(http.post("rep2", "/api/opportunities/" + INITECH + "/stage",
                body("stage", "PROPOSAL", "expectedVersion", 0)).version()).isEqualTo(1);
        at(5);
        acme("rep", "/stage", body("stage", "NEGOTIATION", "expectedVersion", 1), 2);

        at(6);
        assertProblem(acmePost("rep", "/stage", body("stage", "DISCOVERY", "note", "They want to rethink")),
                422, "REVERSION_REASON_REQUIRED");
        assertProblem(acmePost("rep", "/stage", body("stage", "DISCOVERY", "reason", "MAJOR_OBJECTION")),
                422, "REVERSION_NOTE_REQUIRED");
        assertProblem(acmePost("rep", "/stage", body("stage", "DISCOVERY", "reason", "MAJOR_OBJECTION",
                "note", "   ")), 422, "REVERSION_NOTE_REQUIRED");
        assertThat(http.historyLength(ACME)).as("refused backward moves append nothing").isEqualTo(3);
        acme("rep", "/stage", body("stage", "DISCOVERY", "reason", "MAJOR_OBJECTION",
                "note", "Security review raised objections"), 3);

        at(9);
        acme("rep", "/close-date", body("closeDate", "2025-07-31", "reason", "Legal review"), 4);
        at(10);
        acme("rep", "/close-date", body("closeDate", "2025-07-15", "reason", "Budget freed up"), 5);
        at(11);
        acme("rep", "/outlook", body("outlook", "CAUTIOUS", "note", "Champion is leaving"), 6);
        at(12);
        acme("rep", "/amount", body("amount", 42000, "reason", "Fewer seats"), 7);
        acme("rep", "/next-step", body("description", "Send revised proposal", "dueDate", "2025-03-20"), 8);
        at(13);
        acmeWithoutCorrelation("rep", "/notes", body("text", "Call went well"), 9);
        at(14);
        acme("manager", "/owner", body("owner", "rep2"), 10);
        at(16);
        acme("rep2", "/stage", body("stage", "PROPOSAL"), 11);
        at(20);
        acme("rep2", "/won", body("note", "Signed"), 12);

        at(21);
        assertProblem(acmePost("rep2", "/amount", body("amount", 45000)), 409, "OPPORTUNITY_CLOSED");
        assertProblem(acmePost("rep2", "/stage", body("stage", "NEGOTIATION")), 409, "OPPORTUNITY_CLOSED");
        assertThat(http.historyLength(ACME)).as("refused changes of a won deal append nothing").isEqualTo(13);

        at(22);
        acme("rep2", "/reopen", body("stage", "NEGOTIATION", "note", "Signature was withdrawn"), 13);
        at(25);
        acme("rep2", "/lost", body("reason", "Chose a competitor", "note", "Price"), 14);

        at(30);
        assertThat(http.post("rep2", "/api/opportunities/" + INITECH + "/stage", body("stage", "DISCOVERY",
                "reason", "BUDGET", "note", "Budget cut for Q2")).version()).isEqualTo(2);

        at(44);
        awaitEveryReadModel();
    }

    private void at(int day) {
        clock.set(day(day));
    }

    /** An accepted command on Acme: the version it answers, and the request id it carried (echoed back). */
    private Reply acme(String user, String path, String json, long version) {
        String requestId = "req-acme-" + version;
        Reply reply = http.post(user, path.startsWith("/api/") ? path : "/api/opportunities/" + ACME + path, json,
                Map.of("X-Request-Id", requestId, "X-Correlation-Id", ACME_CORRELATION));
        assertThat(reply.status()).as(reply.body()).isEqualTo(version == 0 ? 201 : 200);
        assertThat(reply.json().path("id").asText()).isEqualTo(ACME);
        assertThat(reply.version()).isEqualTo(version);
        assertThat(reply.header("X-Request-Id")).isEqualTo(requestId);
        acmeRequestIds.add(requestId);
        return reply;
    }

    private void acmeWithoutCorrelation(String user, String path, String json, long version) {
        String requestId = "req-acme-" + version;
        Reply reply = http.post(user, "/api/opportunities/" + ACME + path, json, Map.of("X-Request-Id", requestId));
        assertThat(reply.version()).isEqualTo(version);
        acmeRequestIds.add(requestId);
    }

    private Reply acmePost(String user, String path, String json) {
        return http.post(user, "/api/opportunities/" + ACME + path, json);
    }

    /** Each read model has its own processor: each is waited for by what it shows. */
    private void awaitEveryReadModel() {
        http.awaitVersion(ACME, 14);
        http.awaitVersion(GLOBEX, 0);
        http.awaitVersion(INITECH, 2);
        http.awaitJson("/api/opportunities/" + ACME + "/days-in-stage",
                deal -> "LOST".equals(deal.path("status").asText()) && deal.path("visits").size() == 6);
        http.awaitJson("/api/opportunities/" + INITECH + "/days-in-stage", deal -> deal.path("visits").size() == 3);
        http.awaitJson("/api/opportunities/" + GLOBEX + "/days-in-stage", deal -> deal.path("visits").size() == 1);
        http.awaitJson("/api/opportunities/" + ACME + "/slippage",
                deal -> deal.path("changes").size() == 2 && "rep2".equals(deal.path("owner").asText()));
        http.awaitJson("/api/reports/reversions", report -> report.path("total").asLong() == 2);
    }

    @Test
    void theReadModelStatusSaysTheProjectionsHaveReachedTheNewestEvent() {
        // every read model shows the last change (awaited above), so the status must say so without waiting
        JsonNode status = http.get("analyst", "/api/read-models/status").json();

        long head = status.path("head").asLong(-1);
        assertThat(head).as("19 events were accepted, global indexes start at 1").isGreaterThanOrEqualTo(19);
        assertThat(status.path("upToDate").asBoolean()).as(status.toString()).isTrue();
        JsonNode processor = status.path("processors").get(0);
        assertThat(status.path("processors")).hasSize(1);
        assertThat(processor.path("name").asText()).isEqualTo("projections");
        assertThat(processor.path("processingGroups")).extracting(JsonNode::asText)
                .containsExactly("board", "days-in-stage", "slippage", "reversions", "metrics", "flow", "as-of");
        assertThat(processor.path("position").asLong()).isEqualTo(head);
        assertThat(processor.path("behind").asLong(-1)).isZero();
        assertThat(processor.path("segments").asInt()).isEqualTo(1);
        assertThat(processor.path("claimedSegments").asInt()).isEqualTo(1);
        assertThat(processor.path("failing").asBoolean()).isFalse();
    }

    @Test
    void creatingADealAnswersCreatedWithItsLocationAndVersionZero() {
        assertThat(acmeCreated.status()).isEqualTo(201);
        assertThat(acmeCreated.header("Location")).endsWith("/api/opportunities/" + ACME);
        assertThat(acmeCreated.json().path("version").asLong()).isZero();
    }

    @Test
    void theBoardShowsTheOpenDealsInTheirStagesWithCountsTotalsAndAges() {
        JsonNode board = http.get("rep", "/api/board").json();

        assertThat(board.path("pipeline").asText()).isEqualTo("default");
        assertThat(board.path("currency").asText()).isEqualTo("USD");
        assertThat(Instant.parse(board.path("asOf").asText())).isEqualTo(day(44));
        assertThat(board.path("openCount").asLong()).isEqualTo(2);
        assertThat(board.path("openAmount").decimalValue()).isEqualByComparingTo("42000");
        assertThat(stageKeys(board)).containsExactly("PROSPECTING", "QUALIFIED", "DISCOVERY", "PROPOSAL", "NEGOTIATION");
        assertThat(cardIds(board)).as("won, reopened and lost: Acme is closed, so off the board")
                .containsExactlyInAnyOrder(GLOBEX, INITECH);

        JsonNode prospecting = column(board, "PROSPECTING");
        assertThat(prospecting.path("count").asLong()).isZero();
        assertThat(prospecting.path("totalAmount").decimalValue()).isEqualByComparingTo("0");
        assertThat(prospecting.path("averageDaysInStage").decimalValue()).as("Acme 2 days, Initech 1")
                .isEqualByComparingTo("1.5");

        JsonNode qualified = column(board, "QUALIFIED");
        assertThat(qualified.path("displayName").asText()).isEqualTo("Qualified");
        assertThat(qualified.path("count").asLong()).isEqualTo(1);
        assertThat(qualified.path("totalAmount").decimalValue()).isEqualByComparingTo("12000");
        assertThat(qualified.has("averageDaysInStage")).as("no completed stay in QUALIFIED").isFalse();
        JsonNode globex = qualified.path("cards").get(0);
        assertThat(globex.path("id").asText()).isEqualTo(GLOBEX);
        assertThat(globex.path("name").asText()).isEqualTo("Globex pilot");
        assertThat(globex.path("account").asText()).isEqualTo("Globex");
        assertThat(globex.path("owner").asText()).isEqualTo("rep");
        assertThat(globex.path("amount").decimalValue()).isEqualByComparingTo("12000");
        assertThat(globex.path("currency").asText()).isEqualTo("USD");
        assertThat(globex.path("closeDate").asText()).isEqualTo("2025-05-15");
        assertThat(globex.path("outlook").asText()).isEqualTo("POSITIVE");
        assertThat(Instant.parse(globex.path("stageEnteredAt").asText())).isEqualTo(day(1));
        assertThat(globex.path("daysInStage").asLong()).isEqualTo(43);
        assertThat(globex.path("stale").asBoolean()).isFalse();
        assertThat(globex.path("closeDateOverdue").asBoolean()).isFalse();

        JsonNode discovery = column(board, "DISCOVERY");
        assertThat(discovery.path("count").asLong()).isEqualTo(1);
        assertThat(discovery.path("totalAmount").decimalValue()).isEqualByComparingTo("30000");
        assertThat(discovery.path("averageDaysInStage").decimalValue()).as("Acme's two stays, 3 and 10 days")
                .isEqualByComparingTo("6.5");
        JsonNode initech = discovery.path("cards").get(0);
        assertThat(initech.path("id").asText()).isEqualTo(INITECH);
        assertThat(initech.path("owner").asText()).isEqualTo("rep2");
        assertThat(initech.path("amount").decimalValue()).isEqualByComparingTo("30000");
        assertThat(initech.path("outlook").asText()).as("outlook defaults to NEUTRAL").isEqualTo("NEUTRAL");
        assertThat(initech.path("daysInStage").asLong()).isEqualTo(14);
        assertThat(initech.path("stale").asBoolean()).as("14 days is more than twice the 6.5-day average").isTrue();
        assertThat(initech.path("closeDateOverdue").asBoolean()).as("2025-03-31 is before day 44").isTrue();

        JsonNode proposal = column(board, "PROPOSAL");
        assertThat(proposal.path("count").asLong()).isZero();
        assertThat(proposal.path("averageDaysInStage").decimalValue()).as("Acme 4 days, Initech 26")
                .isEqualByComparingTo("15");
        JsonNode negotiation = column(board, "NEGOTIATION");
        assertThat(negotiation.path("count").asLong()).isZero();
        assertThat(negotiation.path("totalAmount").decimalValue()).isEqualByComparingTo("0");
        assertThat(negotiation.path("averageDaysInStage").decimalValue()).as("Acme 1 day, then 3 after reopening")
                .isEqualByComparingTo("2");
    }

    @Test
    void theSummaryOfALostDealShowsEveryChangeItWentThrough() {
        JsonNode acme = http.get("manager", "/api/opportunities/" + ACME).json();

        assertThat(acme.path("id").asText()).isEqualTo(ACME);
        assertThat(acme.path("name").asText()).isEqualTo("Acme renewal");
        assertThat(acme.path("account").asText()).isEqualTo("Acme Corp");
        assertThat(acme.path("owner").asText()).isEqualTo("rep2");
        assertThat(acme.path("pipeline").asText()).isEqualTo("default");
        assertThat(acme.path("stage").asText()).as("the stage it was lost from").isEqualTo("NEGOTIATION");
        assertThat(acme.path("status").asText()).isEqualTo("LOST");
        assertThat(acme.path("amount").decimalValue()).isEqualByComparingTo("42000");
        assertThat(acme.path("currency").asText()).isEqualTo("USD");
        assertThat(acme.path("closeDate").asText()).isEqualTo("2025-07-15");
        assertThat(acme.path("outlook").asText()).isEqualTo("CAUTIOUS");
        assertThat(acme.path("nextStep").asText()).isEqualTo("Send revised proposal");
        assertThat(acme.path("nextStepDue").asText()).isEqualTo("2025-03-20");
        assertThat(Instant.parse(acme.path("createdAt").asText())).isEqualTo(day(0));
        assertThat(Instant.parse(acme.path("stageEnteredAt").asText())).isEqualTo(day(22));
        assertThat(Instant.parse(acme.path("closedAt").asText())).isEqualTo(day(25));
        assertThat(acme.path("version").asLong()).isEqualTo(14);

        JsonNode globex = http.get("rep", "/api/opportunities/" + GLOBEX).json();
        assertThat(globex.path("status").asText()).isEqualTo("OPEN");
        assertThat(globex.path("stage").asText()).isEqualTo("QUALIFIED");
        assertThat(globex.has("closedAt")).as("null fields are omitted").isFalse();
    }

    @Test
    void theHistoryListsEveryAcceptedEventInOrderWithWhoWhenAndWhichRequest() {
        JsonNode events = http.history(ACME);

        assertThat(StreamSupport.stream(events.spliterator(), false).map(e -> e.path("type").asText()))
                .containsExactly("OpportunityCreated", "StageAdvanced", "StageAdvanced", "StageReverted",
                        "CloseDateSlipped", "CloseDatePulledIn", "OutlookChanged", "AmountChanged", "NextStepSet",
                        "NoteAdded", "OwnerReassigned", "StageAdvanced", "OpportunityWon", "OpportunityReopened",
                        "OpportunityLost");
        int[] days = {0, 2, 5, 6, 9, 10, 11, 12, 12, 13, 14, 16, 20, 22, 25};
        String[] actors = {"rep", "rep", "rep", "rep", "rep", "rep", "rep", "rep", "rep", "rep", "manager", "rep2",
                "rep2", "rep2", "rep2"};
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.path("sequence").asLong()).isEqualTo(i);
            assertThat(Instant.parse(event.path("occurredAt").asText())).as("event %d", i).isEqualTo(day(days[i]));
            assertThat(event.path("recordedAt").asText()).isNotBlank();
            JsonNode metadata = event.path("metadata");
            assertThat(metadata.path("actor").asText()).as("actor of event %d", i).isEqualTo(actors[i]);
            assertThat(metadata.path("requestId").asText()).isEqualTo(acmeRequestIds.get(i));
            assertThat(metadata.path("correlationId").asText()).as("correlation of event %d", i)
                    .isEqualTo(i == 9 ? acmeRequestIds.get(i) : ACME_CORRELATION);
        }

        JsonNode created = events.get(0).path("payload");
        assertThat(created.path("opportunityId").asText()).isEqualTo(ACME);
        assertThat(created.path("stage").asText()).isEqualTo("PROSPECTING");
        assertThat(created.path("owner").asText()).as("owner defaults to the caller").isEqualTo("rep");
        assertThat(created.path("amount").path("amount").decimalValue()).isEqualByComparingTo("50000");
        JsonNode skipped = events.get(2).path("payload");
        assertThat(text(skipped.path("from"))).isEqualTo("DISCOVERY");
        assertThat(text(skipped.path("to"))).isEqualTo("NEGOTIATION");
        JsonNode reverted = events.get(3).path("payload");
        assertThat(text(reverted.path("from"))).isEqualTo("NEGOTIATION");
        assertThat(text(reverted.path("to"))).isEqualTo("DISCOVERY");
        assertThat(text(reverted.path("reason"))).isEqualTo("MAJOR_OBJECTION");
        assertThat(text(reverted.path("note"))).isEqualTo("Security review raised objections");
        JsonNode slipped = events.get(4).path("payload");
        assertThat(slipped.path("days").asLong()).isEqualTo(31);
        assertThat(text(slipped.path("reason"))).isEqualTo("Legal review");
        assertThat(events.get(5).path("payload").path("days").asLong()).isEqualTo(16);
        JsonNode reassigned = events.get(10).path("payload");
        assertThat(text(reassigned.path("from"))).isEqualTo("rep");
        assertThat(text(reassigned.path("to"))).isEqualTo("rep2");
        JsonNode reopened = events.get(13).path("payload");
        assertThat(text(reopened.path("stage"))).isEqualTo("NEGOTIATION");
        assertThat(text(reopened.path("note"))).isEqualTo("Signature was withdrawn");
        assertThat(text(events.get(14).path("payload").path("reason"))).isEqualTo("Chose a competitor");
    }

    @Test
    void daysInStageAddsUpEveryStayIncludingReEntries() {
        JsonNode acme = http.get("analyst", "/api/opportunities/" + ACME + "/days-in-stage").json();

        assertThat(acme.path("status").asText()).isEqualTo("LOST");
        assertThat(acme.has("currentStage")).as("a lost deal is in no stage").isFalse();
        assertThat(acme.has("daysInStage")).isFalse();
        Map<String, String> stays = new LinkedHashMap<>();
        acme.path("visits").forEach(visit -> stays.put(visit.path("stage").asText() + "@"
                + visit.path("enteredAt").asText(), visit.path("days").decimalValue().stripTrailingZeros()
                .toPlainString()));
        assertThat(stays).containsExactly(
                Map.entry("PROSPECTING@" + day(0), "2"),
                Map.entry("DISCOVERY@" + day(2), "3"),
                Map.entry("NEGOTIATION@" + day(5), "1"),
                Map.entry("DISCOVERY@" + day(6), "10"),
                Map.entry("PROPOSAL@" + day(16), "4"),
                Map.entry("NEGOTIATION@" + day(22), "3"));
        assertThat(acme.path("visits").findValuesAsText("current")).containsOnly("false");

        Map<String, String> totals = new LinkedHashMap<>();
        acme.path("stages").forEach(stage -> totals.put(stage.path("stage").asText(),
                stage.path("visits").asInt() + "x" + stage.path("days").decimalValue().stripTrailingZeros()
                        .toPlainString()));
        assertThat(totals).as("visited stages in pipeline order: visits x cumulative days").containsExactly(
                Map.entry("PROSPECTING", "1x2"),
                Map.entry("DISCOVERY", "2x13"),
                Map.entry("PROPOSAL", "1x4"),
                Map.entry("NEGOTIATION", "2x4"));

        JsonNode initech = http.get("rep2", "/api/opportunities/" + INITECH + "/days-in-stage").json();
        assertThat(initech.path("status").asText()).isEqualTo("OPEN");
        assertThat(initech.path("currentStage").asText()).isEqualTo("DISCOVERY");
        assertThat(Instant.parse(initech.path("enteredAt").asText())).isEqualTo(day(30));
        assertThat(initech.path("daysInStage").asLong()).isEqualTo(14);
        assertThat(initech.path("visits").get(2).path("current").asBoolean()).isTrue();
        assertThat(initech.path("visits").get(1).path("days").decimalValue()).isEqualByComparingTo("26");

        JsonNode report = http.get("auditor", "/api/reports/days-in-stage").json();
        assertThat(Instant.parse(report.path("asOf").asText())).isEqualTo(day(44));
        JsonNode discovery = statistics(report, "DISCOVERY");
        assertThat(discovery.path("completedStays").asLong()).isEqualTo(2);
        assertThat(discovery.path("averageDays").decimalValue()).isEqualByComparingTo("6.5");
        assertThat(discovery.path("medianDays").decimalValue()).isEqualByComparingTo("6.5");
        assertThat(discovery.path("p90Days").decimalValue()).isEqualByComparingTo("10");
        assertThat(discovery.path("openStays").asLong()).isEqualTo(1);
        assertThat(discovery.path("averageOpenDays").decimalValue()).isEqualByComparingTo("14");
        JsonNode qualified = statistics(report, "QUALIFIED");
        assertThat(qualified.path("completedStays").asLong()).isZero();
        assertThat(qualified.has("averageDays")).isFalse();
        assertThat(qualified.path("openStays").asLong()).isEqualTo(1);
        assertThat(qualified.path("averageOpenDays").decimalValue()).isEqualByComparingTo("43");
    }

    @Test
    void slippageRecordsEachCloseDateChangeWithItsDirectionDaysActorAndReason() {
        JsonNode acme = http.get("analyst", "/api/opportunities/" + ACME + "/slippage").json();

        assertThat(acme.path("name").asText()).isEqualTo("Acme renewal");
        assertThat(acme.path("owner").asText()).isEqualTo("rep2");
        assertThat(acme.path("originalCloseDate").asText()).isEqualTo("2025-06-30");
        assertThat(acme.path("currentCloseDate").asText()).isEqualTo("2025-07-15");
        assertThat(acme.path("slipCount").asInt()).isEqualTo(1);
        assertThat(acme.path("totalSlipDays").asLong()).isEqualTo(31);
        assertThat(acme.path("pullInCount").asInt()).isEqualTo(1);
        assertThat(acme.path("totalPullInDays").asLong()).isEqualTo(16);
        assertThat(acme.path("netDays").asLong()).isEqualTo(15);
        JsonNode changes = acme.path("changes");
        assertThat(changes).hasSize(2);
        assertChange(changes.get(0), 4, "2025-06-30", "2025-07-31", 31, "SLIPPED", day(9), "Legal review");
        assertChange(changes.get(1), 5, "2025-07-31", "2025-07-15", 16, "PULLED_IN", day(10), "Budget freed up");

        JsonNode untouched = http.get("analyst", "/api/opportunities/" + INITECH + "/slippage").json();
        assertThat(untouched.path("slipCount").asInt()).isZero();
        assertThat(untouched.path("changes")).isEmpty();

        JsonNode report = http.get("manager", "/api/reports/slippage").json();
        assertThat(report.path("slippedDeals").asLong()).isEqualTo(1);
        assertThat(report.path("deals")).hasSize(1);
        JsonNode first = report.path("deals").get(0);
        assertThat(first.path("rank").asInt()).isEqualTo(1);
        assertThat(first.path("id").asText()).isEqualTo(ACME);
        assertThat(first.path("totalSlipDays").asLong()).isEqualTo(31);
        assertThat(first.path("netDays").asLong()).isEqualTo(15);
    }

    private static void assertChange(JsonNode change, long sequence, String from, String to, long days,
                                     String direction, Instant occurredAt, String reason) {
        assertThat(change.path("sequence").asLong()).isEqualTo(sequence);
        assertThat(change.path("from").asText()).isEqualTo(from);
        assertThat(change.path("to").asText()).isEqualTo(to);
        assertThat(change.path("days").asLong()).isEqualTo(days);
        assertThat(change.path("direction").asText()).isEqualTo(direction);
        assertThat(Instant.parse(change.path("occurredAt").asText())).isEqualTo(occurredAt);
        assertThat(change.path("actor").asText()).isEqualTo("rep");
        assertThat(change.path("reason").asText()).isEqualTo(reason);
    }

    @Test
    void theReversionsReportCountsBackwardMovesByReasonOwnerAndStage() {
        JsonNode all = http.get("auditor", "/api/reports/reversions").json();

        assertThat(all.path("total").asLong()).isEqualTo(2);
        assertThat(counts(all.path("byReason"))).containsOnly(
                Map.entry("CHANGING_NEEDS", 0L), Map.entry("NEW_DECISION_MAKER", 0L), Map.entry("BUDGET", 1L),
                Map.entry("MAJOR_OBJECTION", 1L), Map.entry("LOSS_OF_MOMENTUM", 0L),
                Map.entry("PREMATURE_ADVANCE", 0L), Map.entry("OTHER", 0L));
        assertThat(counts(all.path("byOwner"))).containsOnly(Map.entry("rep", 1L), Map.entry("rep2", 1L));
        assertThat(counts(all.path("byStage"))).as("by the stage moved back from")
                .containsOnly(Map.entry("NEGOTIATION", 1L), Map.entry("PROPOSAL", 1L));
        JsonNode latest = all.path("reversions").get(0);
        assertThat(latest.path("id").asText()).as("most recent first").isEqualTo(INITECH);
        JsonNode acme = all.path("reversions").get(1);
        assertThat(acme.path("id").asText()).isEqualTo(ACME);
        assertThat(acme.path("name").asText()).isEqualTo("Acme renewal");
        assertThat(acme.path("owner").asText()).as("the owner when it moved back, not today's").isEqualTo("rep");
        assertThat(acme.path("pipeline").asText()).isEqualTo("default");
        assertThat(acme.path("sequence").asLong()).isEqualTo(3);
        assertThat(acme.path("fromStage").asText()).isEqualTo("NEGOTIATION");
        assertThat(acme.path("toStage").asText()).isEqualTo("DISCOVERY");
        assertThat(acme.path("reason").asText()).isEqualTo("MAJOR_OBJECTION");
        assertThat(acme.path("note").asText()).isEqualTo("Security review raised objections");
        assertThat(acme.path("actor").asText()).isEqualTo("rep");
        assertThat(Instant.parse(acme.path("occurredAt").asText())).isEqualTo(day(6));

        JsonNode march = http.get("analyst", "/api/reports/reversions?from=2025-03-01&to=2025-03-31").json();
        assertThat(march.path("from").asText()).isEqualTo("2025-03-01");
        assertThat(march.path("total").asLong()).isEqualTo(1);
        assertThat(march.path("reversions").get(0).path("id").asText()).isEqualTo(ACME);
        assertThat(counts(march.path("byReason"))).contains(Map.entry("MAJOR_OBJECTION", 1L), Map.entry("BUDGET", 0L));

        JsonNode dayOfTheMove = http.get("analyst", "/api/reports/reversions?from=2025-04-02&to=2025-04-02").json();
        assertThat(dayOfTheMove.path("total").asLong()).as("both ends of the period are included").isEqualTo(1);
        assertThat(dayOfTheMove.path("reversions").get(0).path("id").asText()).isEqualTo(INITECH);

        JsonNode byRep2 = http.get("analyst", "/api/reports/reversions?owner=rep2").json();
        assertThat(byRep2.path("owner").asText()).isEqualTo("rep2");
        assertThat(byRep2.path("total").asLong()).isEqualTo(1);
        JsonNode initech = byRep2.path("reversions").get(0);
        assertThat(initech.path("id").asText()).isEqualTo(INITECH);
        assertThat(initech.path("reason").asText()).isEqualTo("BUDGET");
        assertThat(initech.path("fromStage").asText()).isEqualTo("PROPOSAL");
        assertThat(initech.path("actor").asText()).isEqualTo("rep2");
        assertThat(counts(byRep2.path("byOwner"))).containsOnly(Map.entry("rep2", 1L));

        JsonNode repInApril = http.get("analyst", "/api/reports/reversions?owner=rep&from=2025-04-01").json();
        assertThat(repInApril.path("total").asLong()).isZero();
        assertThat(repInApril.path("reversions")).isEmpty();
    }

    private static List<String> stageKeys(JsonNode board) {
        List<String> keys = new ArrayList<>();
        board.path("stages").forEach(stage -> keys.add(stage.path("stage").asText()));
        return keys;
    }

    private static List<String> cardIds(JsonNode board) {
        List<String> ids = new ArrayList<>();
        board.path("stages").forEach(stage -> stage.path("cards").forEach(card -> ids.add(card.path("id").asText())));
        return ids;
    }

    private static JsonNode column(JsonNode board, String stage) {
        return find(board.path("stages"), stage);
    }

    private static JsonNode statistics(JsonNode report, String stage) {
        return find(report.path("stages"), stage);
    }

    private static JsonNode find(JsonNode stages, String stage) {
        return StreamSupport.stream(stages.spliterator(), false)
                .filter(node -> stage.equals(node.path("stage").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + stage + " in " + stages));
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> counts.put(field.getKey(), field.getValue().asLong()));
        return counts;
    }
}
