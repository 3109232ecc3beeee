package org.pipelineledger.bench.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        Set<Variant> variants,
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
        Set<Variant> variants = EnumSet.noneOf(Variant.class);
        for (String v : args.string("variants", "RAW,V0,T").split(",")) {
            variants.add(Variant.valueOf(v.trim()));
        }
        Path work = args.string("work", null) != null ? Path.of(args.string("work", null))
                : Path.of(System.getProperty("java.io.tmpdir"), "pipeline-ledger-bench", String.valueOf(System.currentTimeMillis()));
        return new Settings(quick,
                args.integer("runs", quick ? 1 : 5),
                args.string("xmx", "1g"),
                jvmOptions(args, quick),
                args.h2(),
                variants,
                home,
                Path.of(args.string("results", home.resolve("results").toString())),
                work,
                args.flag("keep"),
                childClasspath(home),
                tbOverrides(args, variants),
                args);
    }

    /** TB's overrides ({@code --tb}); also set in this JVM, which builds the app processes' command lines. */
    static String tbOverrides(BenchArgs args, Set<Variant> variants) {
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
     * optimising JIT (C2): the application starts about a quarter faster and the smoke test stays short.
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

    /**
     * The forked JVMs' classpath: this module's classes and the runtime dependencies that dependency:build-classpath
     * wrote at build time. The app module is a repackaged Spring Boot jar once packaged (from ~/.m2, or in the reactor
     * from package on); its own classes sit under BOOT-INF/classes there, so they are extracted into
     * target/app-classes. Before packaging, in the reactor, the entry is already the app's classes directory.
     */
    static String childClasspath(Path home) {
        String configured = System.getProperty("bench.classpath");
        if (configured != null) {
            return configured;
        }
        Path target = home.resolve("target");
        try {
            List<String> entries = new ArrayList<>();
            entries.add(target.resolve("classes").toString());
            for (String entry : dependencies(home)) {
                entries.add(BootJars.isBootJar(Path.of(entry))
                        ? BootJars.extractClasses(Path.of(entry), target.resolve("app-classes")).toString()
                        : entry);
            }
            return String.join(java.io.File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The application's repackaged Spring Boot jar among the runtime dependencies ({@code -Dbench.boot-jar} outranks
     * them), as a user would start it; empty when the app is only a classes directory (in the reactor before package).
     */
    static Optional<Path> bootJar(Path home) {
        String configured = System.getProperty("bench.boot-jar");
        if (configured != null) {
            return Optional.of(Path.of(configured).toAbsolutePath());
        }
        try {
            for (String entry : dependencies(home)) {
                if (BootJars.isBootJar(Path.of(entry))) {
                    return Optional.of(Path.of(entry).toAbsolutePath());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runtime dependencies that dependency:build-classpath wrote into target/classpath.txt at build time. */
    private static List<String> dependencies(Path home) throws IOException {
        Path dependencies = home.resolve("target").resolve("classpath.txt");
        if (!Files.exists(dependencies)) {
            throw new IllegalStateException(dependencies + " is missing: build the module first (benchmarks/run.sh does)");
        }
        return List.of(Files.readString(dependencies).trim().split(java.io.File.pathSeparator));
    }

    String mode() {
        return quick ? "quick" : "full";
    }
}
