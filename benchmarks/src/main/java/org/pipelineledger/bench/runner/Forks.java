package org.pipelineledger.bench.runner;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import org.pipelineledger.bench.ChildMain;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.Poll;
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

    private List<String> classpathCommand(String mainClass) {
        List<String> command = javaCommand();
        command.addAll(List.of("-cp", settings.classpath(), mainClass));
        return command;
    }

    /** Starts {@code command} in {@code dir}, its output in the file {@code log} there, with Axon's checker off. */
    Process start(Path dir, List<String> command, String log) throws IOException {
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return builder.start();
    }

    /** Whether {@code process} ended within {@code timeout}; if not, it is killed. */
    static boolean ended(Process process, Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.destroyForcibly().waitFor();
        return false;
    }

    /**
     * Runs one {@link ChildMain} body for {@code variant} to completion, each option as {@code --key value}; a
     * non-zero exit or a missing result becomes an error.
     */
    ChildResult runChild(Path dir, String body, Variant variant, Map<String, ?> options)
            throws IOException, InterruptedException {
        Path out = dir.resolve("result.json");
        List<String> command = classpathCommand(ChildMain.class.getName());
        command.addAll(List.of(body, "--variant", variant.name(), "--out", out.toString(), "--h2", settings.h2().name()));
        options.forEach((key, value) -> command.addAll(List.of("--" + key, String.valueOf(value))));
        Duration timeout = settings.quick() ? Duration.ofMinutes(3) : Duration.ofHours(3);
        Process process = start(dir, command, "child.log");
        boolean ended = ended(process, timeout);
        ChildResult result = Files.exists(out) ? ChildResult.read(out) : new ChildResult();
        if (!ended) {
            result.error("timed out after " + timeout);
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
        return startApp(dir, variant, classpathCommand(LedgerApp.APPLICATION_CLASS));
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
        Process process = start(dir, command, "app.log");
        return new AppProcess(process, port, started, dir.resolve("app.log"));
    }

    record AppProcess(Process process, int port, long startedNanos, Path log) implements AutoCloseable {

        String url() {
            return "http://localhost:" + port;
        }

        /** Seconds from process start until the health endpoint answers 200. */
        double awaitReady(Duration timeout) throws Exception {
            LedgerHttp http = new LedgerHttp(url());
            if (!Poll.until(timeout, Poll.TEN_MS, () -> healthy(http))) {
                throw new IllegalStateException("the app was not ready within " + timeout + ": " + tail(log, 30));
            }
            return secondsSinceStart();
        }

        private boolean healthy(LedgerHttp http) throws InterruptedException {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with status " + process.exitValue() + ": " + tail(log, 30));
            }
            try {
                int status = http.get("/actuator/health").statusCode();
                if (status == 401 || status == 403) {
                    throw new IllegalStateException("/actuator/health refuses the demo admin (" + status
                            + "): is the embedded profile's security in place?");
                }
                return status == 200;
            } catch (IOException notListeningYet) {
                return false;
            }
        }

        /** Seconds from process start until a CreateOpportunity over HTTP is accepted (201). */
        double awaitFirstCommand(Duration timeout) throws Exception {
            LedgerHttp http = new LedgerHttp(url());
            CommandMix.HttpCommand create = CommandMix.httpCreate(0);
            AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
            Poll.Condition accepted = () -> {
                last.set(http.post(create.path(), create.json()));
                return last.get().statusCode() == 201;
            };
            if (!Poll.until(timeout, Poll.TEN_MS, accepted)) {
                throw new IllegalStateException("no command accepted within " + timeout + ", last answer: "
                        + last.get().statusCode() + " " + last.get().body());
            }
            return secondsSinceStart();
        }

        private double secondsSinceStart() {
            return (System.nanoTime() - startedNanos) / 1e9;
        }

        double peakRssMb() {
            return Machine.peakRssMb(process.pid());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            ended(process, Duration.ofSeconds(30));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The log from its first ERROR line on, at most {@code lines} lines; empty when it has none. */
    static String firstError(Path log, int lines) {
        return excerpt(log, lines, all -> {
            int first = 0;
            while (first < all.size() && !all.get(first).contains(" ERROR ")) {
                first++;
            }
            return first;
        });
    }

    static String tail(Path log, int lines) {
        return excerpt(log, lines, all -> Math.max(0, all.size() - lines));
    }

    /** At most {@code lines} lines of the log, from the one {@code first} picks. */
    private static String excerpt(Path log, int lines, ToIntFunction<List<String>> first) {
        try {
            List<String> all = Files.readAllLines(log);
            int from = first.applyAsInt(all);
            return String.join("\n", all.subList(from, Math.min(all.size(), from + lines)));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }
}
