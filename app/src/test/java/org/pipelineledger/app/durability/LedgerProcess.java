package org.pipelineledger.app.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged ledger ({@code java -jar pipeline-ledger.jar}) as its own operating-system process: started in a
 * working directory of the test's choosing, so its default H2 URL ({@code ./data/pipeline-ledger}) puts the files
 * under it, listening on 127.0.0.1 only, with its output in a log file. It can be killed (SIGKILL: no shutdown hook,
 * no flush, as a crash or an OOM killer does it) or stopped as an operator does (SIGTERM).
 */
final class LedgerProcess {

    /** Exit status of a JVM killed by signal 9, and of one that ran its shutdown hooks after signal 15. */
    static final int KILLED = 128 + 9;
    static final int TERMINATED = 128 + 15;

    /** A cold start of the jar takes 10-25 s on 2 shared cores; this only bounds a start that never ends. */
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);
    private static final Duration EXIT_PATIENCE = Duration.ofSeconds(60);

    /**
     * JVM options only; the application's own configuration stays as shipped. A small heap, as the brief for a
     * shared machine asks; C1 only and the serial collector roughly halve the start-up CPU on 2 cores (measured 13 s
     * against 8.5 s), and neither changes what the application writes or when.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private static final HttpClient PROBE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private LedgerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar in {@code workingDirectory} on a free port and returns once it reports itself healthy. */
    static LedgerProcess start(Path jar, Path workingDirectory, String name, List<String> extraArguments) {
        int port = freePort();
        Path log = workingDirectory.resolve("logs").resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.addAll(extraArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the application's own defaults, not whatever the shell that runs the build happens to configure
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("LEDGER_"));
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            // a test JVM that is itself killed (a fork timeout) must not leave a ledger running on the machine
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + name));
            LedgerProcess started = new LedgerProcess(name, process, port, log);
            started.awaitHealthy();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void awaitHealthy() {
        await(name + " on port " + port + " reports UP (log: " + log + ")")
                .atMost(START_PATIENCE)
                .pollDelay(Duration.ofMillis(500))
                .pollInterval(Duration.ofMillis(200))
                .until(this::healthy);
    }

    private boolean healthy() {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited with status " + process.exitValue() + " before it was healthy; log: "
                    + log);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", basic("analyst"))
                .GET()
                .build();
        try {
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, and proof that the process is gone: it exited, by signal 9, and its pid no longer runs. */
    void kill() {
        process.destroyForcibly();
        int status = awaitExit();
        assertThat(status).as("%s (pid %d) was killed by SIGKILL", name, pid()).isEqualTo(KILLED);
        assertGone();
    }

    /** SIGTERM, as an operator stops it: Spring closes the processors, then the connection pool and H2. */
    void stop() {
        process.destroy();
        int status = awaitExit();
        assertThat(status).as("%s (pid %d) ran its shutdown hooks after SIGTERM; log: %s", name, pid(), log)
                .isEqualTo(TERMINATED);
        assertGone();
    }

    /** For clean-up after a failure: whatever state it is in, it does not outlive the test. */
    void destroyQuietly() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(EXIT_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(EXIT_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(name + " (pid " + pid() + ") still runs " + EXIT_PATIENCE.toSeconds()
                        + " s after it was told to end; log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    private void assertGone() {
        assertThat(process.isAlive()).as("%s is alive", name).isFalse();
        assertThat(ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false))
                .as("pid %d still runs", pid()).isFalse();
    }

    /** The last lines of the log, to print when the test fails. */
    String logTail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            // decoded leniently: a log cut off by SIGKILL may end inside a character
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
