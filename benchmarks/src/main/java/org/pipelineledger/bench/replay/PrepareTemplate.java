package org.pipelineledger.bench.replay;

import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.ledger.LedgerApp;

/**
 * Builds the database the replay and query benchmarks start from, once per invocation of the runner: the tuned app
 * (T) writes {@code deals × events-per-deal} events through its own storage engine and its projections catch up.
 * Each run then starts from a copy of this directory's {@code data/}.
 */
public final class PrepareTemplate {

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        try (LedgerApp app = LedgerApp.start(args)) {
            long start = System.nanoTime();
            long written = app.seed(args);
            result.info("events_written", written);
            result.info("seed_events_per_s", written / ((System.nanoTime() - start) / 1e9));
            app.awaitCatchUp(result);
            result.info("prepare_seconds", (System.nanoTime() - start) / 1e9);
            result.info("processors", app.describeProcessors());
        }
    }
}
