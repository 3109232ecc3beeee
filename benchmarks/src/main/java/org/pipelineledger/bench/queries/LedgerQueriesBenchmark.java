package org.pipelineledger.bench.queries;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Database;
import org.pipelineledger.bench.Latency;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.Variant;
import org.pipelineledger.bench.ledger.EventSeeder;
import org.pipelineledger.bench.ledger.LedgerApp;
import org.pipelineledger.bench.ledger.LedgerVariants;

/**
 * Queries (T or V0) on a ledger whose projections are at the head: the board, the days-in-stage report and one
 * random deal's history, each over loopback HTTP, every answer 200. A query stops after {@code --query-seconds} (its
 * warm-up after a fifth of that), so that one slow query cannot hold the scenario; {@code <query>_requests} says how
 * many it answered.
 */
public final class LedgerQueriesBenchmark {

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals");
        int requests = args.integer("requests");
        int warmup = args.integer("warmup");
        Duration cap = Duration.ofSeconds(args.longValue("query-seconds"));
        if (!args.seedsItself() && args.variant() == Variant.V0) {
            // the template is at the head on T's shared processor; V0's per-group processors start from its tokens
            result.info("template_tokens_split", Database.splitSharedTokens(LedgerVariants.SHARED_PROCESSOR,
                    LedgerVariants.PROCESSING_GROUPS));
        }
        try (LedgerApp app = LedgerApp.start(args)) {
            if (args.seedsItself()) {
                app.seed(args);
                if (!app.awaitCatchUp(result)) {
                    return;
                }
            }
            // A template copy is complete by construction (T built it to the head). V0 continues from T's tokens (see
            // above); with no new events its processors have nothing to do, and the read path is what is measured.
            result.info("processors", app.describeProcessors());
            LedgerHttp http = app.http();
            long onBoard = http.openDealsOnBoard();
            result.info("open_deals_on_board", onBoard);
            if (onBoard != deals) {
                result.error("board shows " + onBoard + " open deals, expected " + deals);
            }
            SplittableRandom random = new SplittableRandom(17);
            measure(result, http, "board_", warmup, requests, cap, () -> http.getRequest(LedgerHttp.BOARD_PATH));
            measure(result, http, "report_", warmup, requests, cap, () -> http.getRequest("/api/reports/days-in-stage"));
            measure(result, http, "history_", warmup, requests, cap,
                    () -> http.getRequest("/api/opportunities/" + EventSeeder.dealId(random.nextInt(deals)) + "/history"));
        }
    }

    /** Up to {@code requests} timed answers after {@code warmup} untimed ones, each 200, within {@code cap}. */
    public static void measure(ChildResult result, LedgerHttp http, String prefix, int warmup, int requests, Duration cap,
                        Supplier<HttpRequest> request) throws Exception {
        long warmupEnds = System.nanoTime() + cap.toNanos() / 5;
        for (int i = 0; i < warmup && System.nanoTime() < warmupEnds; i++) {
            send(http, prefix, request.get());
        }
        Histogram histogram = Latency.histogram();
        long bytes = 0;
        int measured = 0;
        long ends = System.nanoTime() + cap.toNanos();
        while (measured < requests && System.nanoTime() < ends) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = send(http, prefix, request.get());
            Latency.record(histogram, System.nanoTime() - start);
            bytes = Math.max(bytes, response.body().length);
            measured++;
        }
        Latency.report(result, prefix, histogram);
        result.info(prefix + "max_bytes", bytes);
        result.info(prefix + "requests", measured);
    }

    private static HttpResponse<byte[]> send(LedgerHttp http, String prefix, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            // one refusal says it all; a thousand of them would only bury the reason
            throw new IllegalStateException(prefix + "status " + response.statusCode() + " " + response.uri() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }
}
