package org.pipelineledger.bench.queries;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.BoardProbe;
import org.pipelineledger.bench.ChildMain;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.H2Mode;
import org.pipelineledger.bench.Latency;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.ledger.EventSeeder;
import org.pipelineledger.bench.ledger.LedgerApp;

/**
 * Queries (T or V0) on a ledger whose projections are at the head: the board, the days-in-stage report and one
 * random deal's history, each asked {@code --requests} times in a row over HTTP on the loopback interface after
 * {@code --warmup} unmeasured requests. Reports p50/p99 per query and checks that every answer was 200.
 */
public final class LedgerQueriesBenchmark {

    private LedgerQueriesBenchmark() {
    }

    public static void main(String[] argv) {
        ChildMain.run(argv, LedgerQueriesBenchmark::run);
    }

    static void run(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals", 10_000);
        int requests = args.integer("requests", 1_000);
        int warmup = args.integer("warmup", 200);
        try (LedgerApp app = LedgerApp.start(args)) {
            if (args.h2() == H2Mode.MEM || args.flag("seed")) {
                EventSeeder.seed(app.bean(EventStorageEngine.class), deals, args.integer("events-per-deal", 10), 1_000);
                long head = app.headIndex();
                if (!app.awaitHead(head, Duration.ofSeconds(args.longValue("catchup-seconds", 3_600)))) {
                    throw new IllegalStateException("projections did not reach the head: " + app.progressByProcessor(head));
                }
            }
            // A template copy is complete by construction (T built it to the head). V0 keeps T's token layout there and
            // its single tracking thread claims one of T's segments only; with no new events that changes nothing
            // for the read path, which is what this scenario measures.
            result.info("processors", app.describeProcessors());
            LedgerHttp http = new LedgerHttp("http://localhost:" + app.port());
            long onBoard = new BoardProbe(http).openDeals();
            result.info("open_deals_on_board", onBoard);
            if (onBoard != deals) {
                result.error("board shows " + onBoard + " open deals, expected " + deals);
            }
            SplittableRandom random = new SplittableRandom(17);
            measure(result, http, "board_", warmup, requests, () -> http.getRequest(BoardProbe.BOARD_PATH));
            measure(result, http, "report_", warmup, requests, () -> http.getRequest("/api/reports/days-in-stage"));
            measure(result, http, "history_", warmup, requests,
                    () -> http.getRequest("/api/opportunities/" + EventSeeder.dealId(random.nextInt(deals)) + "/history"));
        }
    }

    static void measure(ChildResult result, LedgerHttp http, String prefix, int warmup, int requests,
                        Supplier<HttpRequest> request) throws Exception {
        Histogram histogram = Latency.histogram();
        long bytes = 0;
        for (int i = 0; i < warmup + requests; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request.get(), HttpResponse.BodyHandlers.ofByteArray());
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                // one refusal says it all; a thousand of them would only bury the reason
                throw new IllegalStateException(prefix + "status " + response.statusCode() + " " + response.uri() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            if (i >= warmup) {
                Latency.record(histogram, elapsed);
                bytes = Math.max(bytes, response.body().length);
            }
        }
        Latency.report(result, prefix, histogram);
        result.info(prefix + "max_bytes", bytes);
    }
}
