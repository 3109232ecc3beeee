package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started as it runs in production (its main class, an H2 file database), stopped, and started
 * again on the same files: the read models are still there, exactly as they were, the moment it is back; and a new
 * change after the restart is applied once, on top of them, not on top of a replay.
 * <p>
 * Both runs share a {@link ScenarioClock} set to the same instant when the board is read, so the board's
 * time-dependent fields ({@code asOf}, {@code daysInStage}) are equal too and the JSON can be compared whole.
 */
class RestartIT {

    private static final Instant START = Instant.parse("2025-05-05T08:30:00Z");
    private static final Instant READ_AT = day(20);

    @TempDir
    Path directory;

    private static Instant day(int day) {
        return START.plus(Duration.ofDays(day));
    }

    /** What one run of the application shows; each part is compared as a whole across the restart. */
    private record ReadModels(JsonNode board, JsonNode daysInStage, JsonNode slippage, JsonNode reversions) {
    }

    @Test
    void theReadModelsSurviveARestartAsTheyWereAndTheNextChangeIsAppliedOnce() {
        restartAndChangeOnce();
    }

    /**
     * An installation that ran one processor per read model ({@code ledger.processing.shared-processor=false}, as
     * before ADR 0007) restarted on the shared one: the new processor has no token and reads the store from the first
     * event on top of the rows already there. Idempotent projections leave them as they were, and the change after the
     * restart, which the processor reaches only after every earlier event, counts once.
     */
    @Test
    void switchingFromOneProcessorPerReadModelToTheSharedOneRebuildsNothingTwice() {
        restartAndChangeOnce("--ledger.processing.shared-processor=false");
    }

    private void restartAndChangeOnce(String... firstRunArguments) {
        ScenarioClock clock = new ScenarioClock(START);
        ReadModels before;
        try (ConfigurableApplicationContext first = start(clock, firstRunArguments)) {
            LedgerHttp http = LedgerHttp.on(first);
            createSomeDealsAndMoveThem(http, clock);
            clock.set(READ_AT);
            awaitEveryReadModel(http);
            before = readModels(http);
        }
        assertThat(before.board().path("openCount").asLong()).isEqualTo(3);

        ScenarioClock sameInstant = new ScenarioClock(READ_AT);
        try (ConfigurableApplicationContext second = start(sameInstant)) {
            LedgerHttp http = LedgerHttp.on(second);

            assertThat(readModels(http)).as("read at once after the restart, without waiting").isEqualTo(before);

            // a deal that is created and moved back after the restart: +1 on the board, +1 backward move
            assertThat(http.post("rep2", "/api/opportunities", body("id", "after-restart", "name", "After restart",
                    "account", "Umbrella", "stage", "QUALIFIED", "amount", 7000, "closeDate", "2025-09-30"))
                    .version()).isZero();
            assertThat(http.post("rep2", "/api/opportunities/after-restart/stage", body("stage", "PROSPECTING",
                    "reason", "PREMATURE_ADVANCE", "note", "Not qualified after all")).version()).isEqualTo(1);
            http.awaitVersion("after-restart", 1);
            http.awaitJson("/api/opportunities/after-restart/days-in-stage", deal -> deal.path("visits").size() == 2);
            http.awaitJson("/api/opportunities/after-restart/slippage", deal -> deal.has("id"));
            http.awaitJson("/api/reports/reversions",
                    report -> report.path("total").asLong() > before.reversions().path("total").asLong());
            ReadModels after = readModels(http);

            assertBoardIsOneDealMore(before.board(), after.board());
            assertThat(after.reversions().path("total").asLong())
                    .isEqualTo(before.reversions().path("total").asLong() + 1);
            assertThat(after.reversions().path("byReason").path("PREMATURE_ADVANCE").asLong())
                    .isEqualTo(before.reversions().path("byReason").path("PREMATURE_ADVANCE").asLong() + 1);
            assertThat(after.reversions().path("reversions").get(0).path("id").asText()).isEqualTo("after-restart");
            assertThat(stats(after.daysInStage(), "QUALIFIED").path("completedStays").asLong())
                    .isEqualTo(stats(before.daysInStage(), "QUALIFIED").path("completedStays").asLong() + 1);
            assertThat(stats(after.daysInStage(), "PROSPECTING").path("openStays").asLong())
                    .isEqualTo(stats(before.daysInStage(), "PROSPECTING").path("openStays").asLong() + 1);
            assertThat(stats(after.daysInStage(), "PROSPECTING").path("completedStays").asLong())
                    .isEqualTo(stats(before.daysInStage(), "PROSPECTING").path("completedStays").asLong());
            for (String untouched : List.of("DISCOVERY", "PROPOSAL", "NEGOTIATION")) {
                assertThat(stats(after.daysInStage(), untouched)).isEqualTo(stats(before.daysInStage(), untouched));
            }
            assertThat(after.slippage()).as("no slip after the restart, and none counted twice")
                    .isEqualTo(before.slippage());
        }
    }

    /**
     * Business days 0 to 5: four deals, of which one is won (off the board), with advances, a slip and a backward
     * move, so that every read model has rows to lose or to duplicate.
     */
    private static void createSomeDealsAndMoveThem(LedgerHttp http, ScenarioClock clock) {
        clock.set(day(0));
        create(http, "rep", body("id", "rs-hooli", "name", "Hooli platform", "account", "Hooli", "amount", 10000,
                "closeDate", "2025-08-29"));
        create(http, "rep2", body("id", "rs-pied-piper", "name", "Pied Piper", "account", "Pied Piper",
                "stage", "QUALIFIED", "amount", "20000.50", "closeDate", "2025-07-31", "outlook", "POSITIVE"));
        clock.set(day(1));
        change(http, "rep", "rs-hooli", "/stage", body("stage", "QUALIFIED"), 1);
        create(http, "manager", body("id", "rs-aviato", "name", "Aviato", "account", "Aviato", "owner", "rep",
                "stage", "DISCOVERY", "amount", 5000, "closeDate", "2025-06-30"));
        clock.set(day(2));
        change(http, "rep2", "rs-pied-piper", "/close-date", body("closeDate", "2025-08-15", "reason", "Board vote"),
                1);
        create(http, "rep", body("id", "rs-endframe", "name", "Endframe", "account", "Endframe",
                "stage", "NEGOTIATION", "amount", 40000, "closeDate", "2025-06-15"));
        clock.set(day(3));
        change(http, "rep", "rs-hooli", "/stage", body("stage", "PROPOSAL"), 2);
        clock.set(day(4));
        change(http, "rep2", "rs-pied-piper", "/stage", body("stage", "PROSPECTING", "reason", "LOSS_OF_MOMENTUM",
                "note", "No reply for weeks"), 2);
        clock.set(day(5));
        change(http, "rep", "rs-aviato", "/won", body("note", "Signed"), 1);
    }

    private static void awaitEveryReadModel(LedgerHttp http) {
        http.awaitVersion("rs-hooli", 2);
        http.awaitVersion("rs-pied-piper", 2);
        http.awaitVersion("rs-aviato", 1);
        http.awaitVersion("rs-endframe", 0);
        http.awaitJson("/api/opportunities/rs-hooli/days-in-stage", deal -> deal.path("visits").size() == 3);
        http.awaitJson("/api/opportunities/rs-pied-piper/days-in-stage", deal -> deal.path("visits").size() == 2);
        http.awaitJson("/api/opportunities/rs-aviato/days-in-stage",
                deal -> "WON".equals(deal.path("status").asText()));
        http.awaitJson("/api/opportunities/rs-endframe/days-in-stage", deal -> deal.path("visits").size() == 1);
        http.awaitJson("/api/reports/slippage", report -> report.path("slippedDeals").asLong() == 1);
        http.awaitJson("/api/reports/reversions", report -> report.path("total").asLong() == 1);
    }

    private static ReadModels readModels(LedgerHttp http) {
        return new ReadModels(read(http, "/api/board"), read(http, "/api/reports/days-in-stage"),
                read(http, "/api/reports/slippage"), read(http, "/api/reports/reversions"));
    }

    private static JsonNode read(LedgerHttp http, String path) {
        LedgerHttp.Reply reply = http.get("analyst", path);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** The board after one more deal in PROSPECTING: that column and the totals grow by it, nothing else moves. */
    private static void assertBoardIsOneDealMore(JsonNode before, JsonNode after) {
        assertThat(after.path("openCount").asLong()).isEqualTo(before.path("openCount").asLong() + 1);
        assertThat(after.path("openAmount").decimalValue())
                .isEqualByComparingTo(before.path("openAmount").decimalValue().add(new BigDecimal("7000")));
        List<String> cards = new ArrayList<>();
        after.path("stages").forEach(stage -> stage.path("cards").forEach(card -> cards.add(card.path("id").asText())));
        assertThat(cards).containsExactlyInAnyOrder("rs-hooli", "rs-pied-piper", "rs-endframe", "after-restart");

        for (int i = 0; i < before.path("stages").size(); i++) {
            JsonNode was = before.path("stages").get(i);
            JsonNode is = after.path("stages").get(i);
            if (!"PROSPECTING".equals(was.path("stage").asText())) {
                // QUALIFIED's average moves: the new deal's short stay there is a completed stay now
                ObjectNode wasWithoutAverage = ((ObjectNode) was.deepCopy());
                ObjectNode isWithoutAverage = ((ObjectNode) is.deepCopy());
                if ("QUALIFIED".equals(was.path("stage").asText())) {
                    wasWithoutAverage.remove("averageDaysInStage");
                    isWithoutAverage.remove("averageDaysInStage");
                }
                assertThat(isWithoutAverage).as("stage %s", was.path("stage").asText()).isEqualTo(wasWithoutAverage);
                continue;
            }
            assertThat(is.path("averageDaysInStage")).as("the new deal's stay here is still open")
                    .isEqualTo(was.path("averageDaysInStage"));
            assertThat(is.path("count").asLong()).isEqualTo(was.path("count").asLong() + 1);
            assertThat(is.path("totalAmount").decimalValue())
                    .isEqualByComparingTo(was.path("totalAmount").decimalValue().add(new BigDecimal("7000")));
            ArrayNode cardsBefore = (ArrayNode) was.path("cards");
            ArrayNode cardsAfter = (ArrayNode) is.path("cards");
            assertThat(cardsAfter).hasSize(cardsBefore.size() + 1);
            for (int c = 0; c < cardsBefore.size(); c++) {
                assertThat(cardsAfter.get(c)).isEqualTo(cardsBefore.get(c));
            }
            JsonNode added = cardsAfter.get(cardsAfter.size() - 1);
            assertThat(added.path("id").asText()).isEqualTo("after-restart");
            assertThat(added.path("owner").asText()).isEqualTo("rep2");
        }
    }

    private static JsonNode stats(JsonNode report, String stage) {
        for (JsonNode statistics : report.path("stages")) {
            if (stage.equals(statistics.path("stage").asText())) {
                return statistics;
            }
        }
        throw new AssertionError("no stage " + stage + " in " + report);
    }

    private static void create(LedgerHttp http, String user, String json) {
        LedgerHttp.Reply reply = http.post(user, "/api/opportunities", json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static void change(LedgerHttp http, String user, String id, String action, String json, long version) {
        assertThat(http.post(user, "/api/opportunities/" + id + action, json).version()).isEqualTo(version);
    }

    /**
     * The application by its main class, not a test context: the embedded profile as a user runs it, on an H2 file
     * under the test's temporary directory, with the given clock in place of the wall clock. Command-line arguments,
     * so they win over the test profile's in-memory database.
     */
    private ConfigurableApplicationContext start(ScenarioClock clock, String... extraArguments) {
        return LedgerOnFiles.start(directory, Map.of("restartClock", clock), extraArguments);
    }
}
