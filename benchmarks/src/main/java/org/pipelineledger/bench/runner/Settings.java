package org.pipelineledger.bench.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.H2Mode;
import org.pipelineledger.bench.ledger.LedgerVariants;
import org.pipelineledger.bench.Variant;

/** How the runner was asked to run: mode, repetitions, heap, database mode, where things go. */
record Settings(
        boolean quick,
        int runs,
        String xmx,
        List<String> jvmOptions,
        H2Mode h2,
        List<Variant> variants,
        Path home,
        Path results,
        Path work,
        boolean keep,
        String classpath,
        String tb,
        BenchArgs args) {

    static Settings from(BenchArgs args) {
        boolean quick = args.flag("quick");
        Path home = moduleHome();
        List<Variant> variants = Variant.parse(args.string("variants", "RAW,V0,T"));
        return new Settings(quick,
                args.integer("runs", quick ? 1 : 5),
                args.string("xmx", "1g"),
                jvmOptions(args, quick),
                args.h2(),
                variants,
                home,
                Path.of(args.string("results", home.resolve("results").toString())),
                Path.of(System.getProperty("java.io.tmpdir"), "pipeline-ledger-bench", String.valueOf(System.currentTimeMillis())),
                args.flag("keep"),
                BootJars.classpath(home),
                tbOverrides(args, variants),
                args);
    }

    /** TB's overrides ({@code --tb}); also set in this JVM, which builds the app processes' command lines. */
    static String tbOverrides(BenchArgs args, Collection<Variant> variants) {
        String tb = args.string("tb", "").trim();
        if (variants.contains(Variant.TB) && tb.isEmpty()) {
            throw new IllegalArgumentException("--variants TB needs --tb=\"--property=value ...\": the tuning it undoes");
        }
        if (!tb.isEmpty()) {
            System.setProperty(LedgerVariants.TB_PROPERTY, tb);
        }
        return tb;
    }

    /**
     * Extra options for every forked JVM. Quick mode only checks that the harness works, so its JVMs skip the
     * optimising JIT (C2): the application starts faster and the smoke test stays short.
     */
    static List<String> jvmOptions(BenchArgs args, boolean quick) {
        String options = args.string("jvm-opts", quick ? "-XX:TieredStopAtLevel=1" : "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The benchmarks module directory: -Dbench.home (run.sh, exec:java), else ./benchmarks, else the working directory. */
    static Path moduleHome() {
        String configured = System.getProperty("bench.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path nested = Path.of("benchmarks");
        return (Files.isDirectory(nested.resolve("target")) ? nested : Path.of(".")).toAbsolutePath().normalize();
    }

    String mode() {
        return quick ? "quick" : "full";
    }
}
