package org.pipelineledger.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.analytics.AnalyticsBenchmark;
import org.pipelineledger.bench.ledger.EventSeeder;
import org.pipelineledger.bench.ledger.LedgerApp;
import org.pipelineledger.bench.queries.LedgerQueriesBenchmark;

/**
 * Issue 21's figures: a verification of the whole seeded store (events per second, the heap it used), and the
 * pipeline as of an instant: one deal ({@code GET /api/opportunities/{id}?asOf=}) and the board
 * ({@code GET /api/board?asOf=}), p50/p99, against the live board in the same run. The seeder appends through the
 * ledger's own storage engine, so its events are chained exactly as commands' are.
 */
public final class AuditBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditBenchmark() {
    }

    /** Body {@code verify}: {@code POST /api/audit/verifications} for the whole store, polled until it is done. */
    public static void verify(BenchArgs args, ChildResult result) throws Exception {
        try (LedgerApp app = LedgerApp.start(args)) {
            if (args.seedsItself()) {
                app.seed(args);
                if (!app.awaitCatchUp(result)) {
                    return;
                }
            }
            long events = app.eventCount();
            LedgerHttp http = app.http();
            AnalyticsBenchmark.resetPeakHeap();
            long start = System.nanoTime();
            JsonNode done = http.awaitJob(http.post("/api/audit/verifications", "{}"), Duration.ofMillis(250));
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonNode answer = done.path("result");
            if (!"DONE".equals(done.path("status").asText()) || !answer.path("ok").asBoolean()) {
                result.error("the verification did not finish DONE and ok: " + done);
                return;
            }
            long checked = answer.path("eventsChecked").asLong();
            if (checked != events) {
                result.error("checked " + checked + " events of " + events);
            }
            result.metric("verify_events_per_s", checked / seconds);
            result.metric("verify_s", seconds);
            result.metric("verify_heap_peak_used_mb", AnalyticsBenchmark.peakHeapMb());
            result.info("events", events);
            result.info("deals", answer.path("deals").asLong());
            result.info("heap_max_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    /**
     * Body {@code as-of}: one random deal as of a random instant of its history, or the board as of a random instant
     * of the seeded period ({@code --boards 1}, with the live board for comparison), each {@code requests} times after
     * {@code warmup}.
     */
    public static void asOf(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals");
        int eventsPerDeal = args.integer("events-per-deal");
        int requests = args.integer("requests");
        int warmup = args.integer("warmup");
        Duration cap = Duration.ofSeconds(args.longValue("query-seconds"));
        try (LedgerApp app = LedgerApp.start(args)) {
            if (args.seedsItself()) {
                app.seed(args);
                if (!app.awaitCatchUp(result)) {
                    return;
                }
            }
            LedgerHttp http = app.http();
            Random random = new Random(21);
            // the seeder's business times start at its base and grow by at most 46 hours an event
            Instant from = EventSeeder.BASE;
            long spanSeconds = Duration.ofHours(26L * eventsPerDeal).toSeconds();
            if (args.integer("boards", 0) == 1) {
                LedgerQueriesBenchmark.measure(result, http, "board_", warmup, requests, cap,
                        () -> http.getRequest(LedgerHttp.BOARD_PATH + "&cardsPerStage=0"));
                LedgerQueriesBenchmark.measure(result, http, "asof_board_", warmup, requests, cap,
                        () -> http.getRequest(LedgerHttp.BOARD_PATH + "&asOf="
                                + from.plusSeconds((long) (random.nextDouble() * spanSeconds))));
            } else {
                LedgerQueriesBenchmark.measure(result, http, "asof_deal_", warmup, requests, cap, () -> http.getRequest(
                        "/api/opportunities/" + EventSeeder.dealId(random.nextInt(deals)) + "?asOf="
                                + from.plusSeconds(Duration.ofDays(1).toSeconds()
                                + (long) (random.nextDouble() * spanSeconds))));
            }
        }
    }
}
