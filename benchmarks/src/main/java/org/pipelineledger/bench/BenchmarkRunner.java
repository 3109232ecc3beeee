package org.pipelineledger.bench;

import org.pipelineledger.bench.runner.Runner;

/**
 * Runs the benchmarks: {@code BenchmarkRunner <startup|commands|http|replay|queries|all> [--quick] [--runs N]
 * [--h2 file|mem] [--xmx 1g] [--variants RAW,V0,T] [--keep]} plus size overrides (see docs/benchmarks.md).
 * Every measurement runs in a JVM of its own; the report goes to stdout and to benchmarks/results/.
 */
public final class BenchmarkRunner {

    private BenchmarkRunner() {
    }

    public static void main(String[] argv) throws Exception {
        BenchArgs args = BenchArgs.parse(argv);
        if (args.positional().isEmpty()) {
            System.err.println("usage: BenchmarkRunner <startup|commands|http|replay|queries|all> [--quick] [--runs N]"
                    + " [--h2 file|mem] [--xmx 1g] [--variants RAW,V0,T] [--keep]");
            System.exit(2);
        }
        Runner.Report report = Runner.run(args.positional().get(0), args);
        System.exit(report.failedRuns() == 0 ? 0 : 1);
    }
}
