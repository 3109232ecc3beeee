package org.pipelineledger.bench;

import java.util.Arrays;
import java.util.Map;
import org.pipelineledger.bench.analytics.AnalyticsBenchmark;
import org.pipelineledger.bench.audit.AuditBenchmark;
import org.pipelineledger.bench.auth.AuthBenchmark;
import org.pipelineledger.bench.browser.BrowserBenchmark;
import org.pipelineledger.bench.commands.CommandsBenchmark;
import org.pipelineledger.bench.http.LoadGenerator;
import org.pipelineledger.bench.ledger.EventSeeder;
import org.pipelineledger.bench.queries.LedgerQueriesBenchmark;
import org.pipelineledger.bench.replay.ReplayBenchmark;

/**
 * The one main of every forked run: {@code ChildMain <body> --option value ...} parses the options, runs the named
 * body, always writes the result file and exits with a status.
 */
public final class ChildMain {

    /** One run's body: measure, and put metrics and checks into the result. */
    @FunctionalInterface
    public interface Body {
        void run(BenchArgs args, ChildResult result) throws Exception;
    }

    public static final String COMMANDS = "commands";
    public static final String REPLAY = "replay";
    public static final String LEDGER_QUERIES = "ledger-queries";
    public static final String HTTP_LOAD = "http-load";
    public static final String PREPARE_TEMPLATE = "prepare-template";
    public static final String BROWSER = "browser";
    public static final String IMPORT = "import";
    public static final String METRICS = "metrics";
    public static final String VERIFY = "verify";
    public static final String AS_OF = "as-of";
    public static final String AUTH = "auth";

    // Map.ofEntries: Map.of takes at most ten
    private static final Map<String, Body> BODIES = Map.ofEntries(
            Map.entry(COMMANDS, CommandsBenchmark::run),
            Map.entry(REPLAY, ReplayBenchmark::run),
            Map.entry(LEDGER_QUERIES, LedgerQueriesBenchmark::run),
            Map.entry(HTTP_LOAD, LoadGenerator::run),
            Map.entry(PREPARE_TEMPLATE, EventSeeder::prepareTemplate),
            Map.entry(BROWSER, BrowserBenchmark::run),
            Map.entry(IMPORT, AnalyticsBenchmark::importDataset),
            Map.entry(METRICS, AnalyticsBenchmark::metrics),
            Map.entry(VERIFY, AuditBenchmark::verify),
            Map.entry(AS_OF, AuditBenchmark::asOf),
            Map.entry(AUTH, AuthBenchmark::run));

    private ChildMain() {
    }

    public static void main(String[] argv) {
        Body body = argv.length == 0 ? null : BODIES.get(argv[0]);
        if (body == null) {
            throw new IllegalArgumentException("the first argument names the run's body, one of " + BODIES.keySet());
        }
        BenchArgs args = BenchArgs.parse(Arrays.copyOfRange(argv, 1, argv.length));
        ChildResult result = new ChildResult();
        int status = 0;
        try {
            body.run(args, result);
        } catch (Throwable failure) {
            failure.printStackTrace();
            result.error(String.valueOf(failure));
            status = 1;
        } finally {
            result.write(args.out());
        }
        // the application's, Axon's and the HTTP client's threads must not keep a finished run alive
        System.exit(status);
    }
}
