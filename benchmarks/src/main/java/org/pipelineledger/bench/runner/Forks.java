package org.pipelineledger.bench.runner;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.pipelineledger.bench.ChildMain;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.Variant;
import org.pipelineledger.bench.commands.CommandMix;
import org.pipelineledger.bench.ledger.LedgerApp;
import org.pipelineledger.bench.ledger.LedgerVariants;

/** Starts every measurement in a JVM of its own, with the stated heap, in a working directory of its own. */
final class Forks {

    private final Settings settings;

    Forks(Settings settings) {
        this.settings = settings;
    }

    /** The runner's own JDK, so that every fork (and a class-data archive it writes) uses the same one. */
    String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The java command with every fork's options, without a classpath or main class. */
    List<String> javaCommand() {
        List<String> jvm = new ArrayList<>(List.of(java(),
                "-Xmx" + settings.xmx(),
                "-XX:+ExitOnOutOfMemoryError",
                "-Ddisable-axoniq-console-message=true"));
        jvm.addAll(settings.jvmOptions());
        if (!settings.tb().isEmpty()) {
            jvm.add("-D" + LedgerVariants.TB_PROPERTY + "=" + settings.tb());
        }
        return jvm;
    }

    List<String> jvm() {
        List<String> jvm = javaCommand();
        jvm.addAll(List.of("-cp", settings.classpath()));
        return jvm;
    }

    /** Starts {@code command} in {@code dir}, its output in the file {@code log} there, with Axon's checker off. */
    Process startCommand(Path dir, List<String> command, String log) throws IOException {
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return builder.start();
    }

    Duration timeout() {
        return settings.quick() ? Duration.ofMinutes(3) : Duration.ofHours(3);
    }

    /** Runs one {@link ChildMain} body to completion; a non-zero exit or a missing result becomes an error. */
    ChildResult runChild(Path dir, String body, List<String> args) throws IOException, InterruptedException {
        Path out = dir.resolve("result.json");
        List<String> command = jvm();
        command.addAll(List.of(ChildMain.class.getName(), body));
        command.addAll(args);
        command.addAll(List.of("--out", out.toString(), "--h2", settings.h2().name()));
        Process process = startCommand(dir, command, "child.log");
        boolean finished = process.waitFor(timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        ChildResult result = Files.exists(out) ? ChildResult.read(out) : new ChildResult();
        if (!finished) {
            result.error("timed out after " + timeout());
        } else if (process.exitValue() != 0 && result.errors() == 0) {
            result.error("exit status " + process.exitValue());
        }
        if (result.errors() > 0) {
            result.info("log_tail", tail(dir.resolve("child.log"), 40));
        }
        return result;
    }

    /** The real application as a process of its own, as a user would start it, on a free port. */
    AppProcess startApp(Path dir, Variant variant) throws IOException {
        List<String> command = jvm();
        command.add(LedgerApp.APPLICATION_CLASS);
        return startApp(dir, variant, command);
    }

    /**
     * The app as users start a packaged build: {@code java [archive options] -jar <extracted jar>}, the jar
     * extracted with Spring Boot's jar tools (see {@link ClassDataSharing}).
     */
    AppProcess startAppFromJar(Path dir, Variant variant, Path jar, List<String> extraJvmOptions) throws IOException {
        List<String> command = javaCommand();
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        return startApp(dir, variant, command);
    }

    private AppProcess startApp(Path dir, Variant variant, List<String> command) throws IOException {
        int port = freePort();
        command.addAll(LedgerVariants.arguments(variant, settings.h2()));
        command.add("--server.port=" + port);
        long started = System.nanoTime();
        Process process = startCommand(dir, command, "app.log");
        return new AppProcess(process, port, started, dir.resolve("app.log"));
    }

    record AppProcess(Process process, int port, long startedNanos, Path log) implements AutoCloseable {

        String url() {
            return "http://localhost:" + port;
        }

        /** Seconds from process start until the health endpoint answers 200, polling every 10 ms. */
        double awaitReady(Duration timeout) throws InterruptedException {
            LedgerHttp http = new LedgerHttp(url());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the app exited with status " + process.exitValue() + ": " + tail(log, 30));
                }
                try {
                    HttpResponse<String> health = http.get("/actuator/health");
                    if (health.statusCode() == 200) {
                        return (System.nanoTime() - startedNanos) / 1e9;
                    }
                    if (health.statusCode() == 401 || health.statusCode() == 403) {
                        throw new IllegalStateException("/actuator/health refuses the demo admin ("
                                + health.statusCode() + "): is the embedded profile's security in place?");
                    }
                } catch (IOException notListeningYet) {
                    // keep polling
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            throw new IllegalStateException("the app was not ready within " + timeout + ": " + tail(log, 30));
        }

        /** Seconds from process start until a CreateOpportunity over HTTP is accepted (201). */
        double awaitFirstCommand(Duration timeout) throws IOException, InterruptedException {
            LedgerHttp http = new LedgerHttp(url());
            CommandMix.HttpCommand create = CommandMix.httpCreate(0);
            long deadline = System.nanoTime() + timeout.toNanos();
            HttpResponse<String> response = null;
            while (System.nanoTime() < deadline) {
                response = http.post(create.path(), create.json());
                if (response.statusCode() == 201) {
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            throw new IllegalStateException("no command accepted within " + timeout + ", last answer: "
                    + (response == null ? "none" : response.statusCode() + " " + response.body()));
        }

        double peakRssMb() {
            return Machine.peakRssMb(process.pid());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The log from its first ERROR line on, at most {@code lines} lines; empty when it has none. */
    static String firstError(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).contains(" ERROR ")) {
                    return String.join("\n", all.subList(i, Math.min(all.size(), i + lines)));
                }
            }
            return "";
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }
}
