package org.pipelineledger.bench;

/** The frame of every forked scenario: parse the options, run, always write the result file, exit with a status. */
public final class ChildMain {

    /** One scenario's body: measure, and put metrics and checks into the result. */
    @FunctionalInterface
    public interface Body {
        void run(BenchArgs args, ChildResult result) throws Exception;
    }

    private ChildMain() {
    }

    public static void run(String[] argv, Body body) {
        BenchArgs args = BenchArgs.parse(argv);
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
