package org.pipelineledger.bench.replay;

import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.ledger.EventSeeder;
import org.pipelineledger.bench.ledger.LedgerApp;

/**
 * Builds the database the replay and query benchmarks start from, once per invocation of the runner: the tuned app
 * (T) writes {@code deals × events-per-deal} events through its own storage engine and its projections catch up.
 * Each run then starts from a copy of this directory's {@code data/}.
 */
public final class PrepareTemplate {

    public static void run(BenchArgs args, ChildResult result) {
        int deals = args.integer("deals", 10_000);
        int eventsPerDeal = args.integer("events-per-deal", 10);
        try (LedgerApp app = LedgerApp.start(args)) {
            long start = System.nanoTime();
            long written = EventSeeder.seed(app.bean(EventStorageEngine.class), deals, eventsPerDeal, 1_000);
            result.info("events_written", written);
            result.info("seed_events_per_s", written / ((System.nanoTime() - start) / 1e9));
            long head = app.headIndex();
            Duration timeout = Duration.ofSeconds(args.longValue("catchup-seconds", 3_600));
            if (!app.awaitHead(head, timeout)) {
                result.error("projections did not reach the head (" + head + ") within " + timeout
                        + ": " + app.progressByProcessor(head));
            }
            result.info("prepare_seconds", (System.nanoTime() - start) / 1e9);
            result.info("processors", app.describeProcessors());
        }
    }
}
