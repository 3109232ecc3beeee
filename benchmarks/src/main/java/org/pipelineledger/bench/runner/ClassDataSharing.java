package org.pipelineledger.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The README's "Starting faster" steps, done by the harness exactly as a user would do them: extract the packaged
 * app with Spring Boot's jar tools, make one training run that stops once the context is refreshed (on an in-memory
 * database, so nothing is left behind), and start the app with the archive it wrote. On Java 25 and later the
 * archive is the JDK's AOT cache ({@code -XX:AOTCacheOutput}, JEP 483), before that a dynamic CDS archive
 * ({@code -XX:ArchiveClassesAtExit}); either is only valid for the same JDK and the same jars at the same paths.
 */
final class ClassDataSharing {

    /** The extracted app and the JVM options that use its archive; prepared once per invocation. */
    record Prepared(Path jar, List<String> useArchive, String kind, double trainingSeconds, long archiveBytes) {
    }

    private final Forks forks;
    private Prepared prepared;

    ClassDataSharing(Forks forks) {
        this.forks = forks;
    }

    static boolean aotCache() {
        return Runtime.version().feature() >= 25;
    }

    /** Extracts and trains on the first call; later calls get the same archive. */
    synchronized Prepared prepare(Path home, Path dir) throws IOException, InterruptedException {
        if (prepared != null) {
            return prepared;
        }
        Path bootJar = BootJars.find(home).orElseThrow(() -> new IllegalStateException("the packaged app (a Spring"
                + " Boot jar) is not among the harness's dependencies: package the app first (benchmarks/run.sh does)"));
        Runner.deleteTree(dir);
        Path app = dir.resolve("app").toAbsolutePath();
        Files.createDirectories(dir);
        run(dir, "extract.log", List.of(forks.java(), "-Djarmode=tools", "-jar", bootJar.toString(),
                "extract", "--destination", app.toString()));
        Path jar = app.resolve(bootJar.getFileName());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("extracting " + bootJar + " did not write " + jar);
        }
        Path archive = app.resolve(aotCache() ? "ledger.aot" : "ledger.jsa");
        List<String> training = forks.javaCommand();
        training.add(aotCache() ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
        training.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", jar.toString(),
                "--spring.datasource.url=jdbc:h2:mem:cds-training"));
        long started = System.nanoTime();
        run(dir, "training.log", training);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no archive " + archive + ": "
                    + Forks.tail(dir.resolve("training.log"), 20));
        }
        // the "on" modes make a start fail where the archive does not match, instead of silently starting without it
        prepared = new Prepared(jar,
                aotCache() ? List.of("-XX:AOTCache=" + archive, "-XX:AOTMode=on")
                        : List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"),
                aotCache() ? "AOT cache (JEP 483)" : "dynamic CDS archive", seconds, Files.size(archive));
        return prepared;
    }

    private void run(Path dir, String log, List<String> command) throws IOException, InterruptedException {
        Process process = forks.start(dir, command, log);
        if (!Forks.ended(process, Duration.ofMinutes(3))) {
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 3 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                    + Forks.tail(dir.resolve(log), 20));
        }
    }
}
