package org.pipelineledger.app.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.pipelineledger.app.durability.CommandBurst.Endpoint;
import org.pipelineledger.app.durability.CommandBurst.Outcome;
import org.pipelineledger.app.durability.CommandBurst.Result;
import org.pipelineledger.app.durability.EventStoreAudit.Findings;
import org.pipelineledger.app.postgres.Postgres;

/**
 * The packaged ledger, run as its README says ({@code java -jar app/target/pipeline-ledger.jar}, the embedded
 * profile, its default H2 file under {@code ./data}), killed with SIGKILL in the middle of a burst of commands several
 * times and started again on the same files each time. What it acknowledged it must still have afterwards: each
 * acknowledged command exactly once, at the version it answered, under its request id; no request id twice; every
 * deal's sequence numbers 0..n. And the read models it built across the crashes must be the ones a rebuild from the
 * store gives, row for row.
 * <p>
 * A commit that the database has acknowledged but keeps only in memory for a while (H2's {@code WRITE_DELAY}, 500 ms
 * unless the URL says otherwise; issue 17) is what this finds: the kill takes it, the deal's next command is given
 * its version again, and the client that was told "version n" holds a receipt for an event that is not there.
 * <p>
 * With {@code -Dledger.test.database=postgres} (failsafe's {@code postgres} execution, ADR 0017) the jar runs as
 * production runs it: profile {@code postgres}, on a fresh database of the embedded PostgreSQL server, with the
 * users the burst signs in as configured on its command line (that profile has none).
 * <p>
 * {@code -Dcrash.app-args="--a=b --c=d"} appends arguments to the ledger's command line (to compare a configuration
 * by hand); {@code -Dcrash.seed=n} repeats a run's choices (not its timing).
 */
class CrashIT {

    private static final int CRASHES = 3;
    private static final int WORKERS = 4;
    /** Acknowledgements a process gets before it is killed: drawn per round, so the kill falls at varied points. */
    private static final int ROUND_ACKNOWLEDGEMENTS = 150;
    private static final int ROUND_ACKNOWLEDGEMENTS_SPREAD = 150;
    private static final Duration ROUND_PATIENCE = Duration.ofSeconds(90);
    private static final Duration CATCH_UP_PATIENCE = Duration.ofSeconds(120);
    /** Bounds of the burst; far above what the rounds need, so only a run that went wrong meets them. */
    private static final int MAX_STEPS_PER_WORKER = 2_000;
    private static final int MAX_DEALS_PER_WORKER = 150;
    private static final Duration BURST_LIMIT = Duration.ofMinutes(6);
    private static final int EXAMPLES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    private final List<LedgerProcess> processes = new ArrayList<>();
    private Path jar;
    /** The PostgreSQL database the ledger runs on; null on its default H2 file. */
    private String postgresUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @AfterEach
    void noLedgerOutlivesTheTest() {
        processes.forEach(LedgerProcess::destroyQuietly);
    }

    @Test
    void everyAcknowledgedCommandSurvivesKillDashNineAndTheReadModelsRebuildToTheSameRows() throws Exception {
        try {
            crashAndRebuild();
        } catch (Throwable failure) {
            printLogs();
            throw failure;
        }
    }

    private void crashAndRebuild() throws Exception {
        jar = appJar();
        List<String> arguments = new ArrayList<>(databaseArguments());
        arguments.addAll(extraArguments());
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.printf("CrashIT: ledger %s in %s, extra arguments %s, seed %d%n", jar, directory, arguments, seed);
        Random random = new Random(seed);

        CommandBurst burst = new CommandBurst(WORKERS, seed, MAX_STEPS_PER_WORKER, MAX_DEALS_PER_WORKER,
                BURST_LIMIT);
        burst.start();
        LedgerProcess ledger = null;
        int crashes = 0;
        try {
            for (int round = 0; round <= CRASHES; round++) {
                ledger = start("run-" + round, arguments);
                burst.open(new Endpoint(round, ledger.port()));
                int target = ROUND_ACKNOWLEDGEMENTS + random.nextInt(ROUND_ACKNOWLEDGEMENTS_SPREAD);
                int instance = round;
                await("round " + round + ": " + target + " commands acknowledged")
                        .atMost(ROUND_PATIENCE)
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> {
                            if (burst.failure() != null) {
                                throw new AssertionError("a client thread failed", burst.failure());
                            }
                            return burst.acknowledgedBy(instance) >= target;
                        });
                if (round < CRASHES) {
                    // the workers are in the middle of their requests: this is the crash
                    ledger.kill();
                    burst.close();
                    crashes++;
                }
            }
        } catch (Throwable failure) {
            try {
                burst.stop();
            } catch (Throwable alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
        burst.stop();
        List<Outcome> outcomes = burst.outcomes();

        awaitReadModelsUpToDate(ledger);
        ledger.stop();

        Findings findings;
        Map<String, List<String>> projected;
        try (Connection store = openStore()) {
            findings = EventStoreAudit.compare(EventStoreAudit.read(store), outcomes);
            report(crashes, outcomes, findings);
            projected = ReadModelTables.dump(store);
            ReadModelTables.empty(store);
        }

        LedgerProcess rebuild = start("rebuild", arguments);
        awaitReadModelsUpToDate(rebuild);
        rebuild.stop();
        Map<String, List<String>> rebuilt;
        try (Connection store = openStore()) {
            rebuilt = ReadModelTables.dump(store);
        }
        System.out.printf("CrashIT: read models (rows projected across the crashes / rebuilt): %s%n",
                projected.keySet().stream()
                        .map(table -> table + " " + projected.get(table).size() + "/" + rebuilt.get(table).size())
                        .collect(Collectors.joining(", ")));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(crashes).as("crashes").isEqualTo(CRASHES);
        softly.assertThat(findings.lost().size())
                .as("acknowledged commands missing from the store, of %d; the first: %s",
                        EventStoreAudit.count(outcomes, Result.ACKNOWLEDGED), first(findings.lost()))
                .isZero();
        softly.assertThat(findings.misplaced().size())
                .as("acknowledged commands stored at another version than answered; the first: %s",
                        first(findings.misplaced()))
                .isZero();
        softly.assertThat(findings.versionsAnsweredTwice().size())
                .as("versions answered to more than one command; the first: %s",
                        first(List.copyOf(findings.versionsAnsweredTwice().entrySet())))
                .isZero();
        softly.assertThat(findings.requestIdsTwice().size())
                .as("request ids on more than one event; the first: %s",
                        first(List.copyOf(findings.requestIdsTwice().entrySet())))
                .isZero();
        softly.assertThat(findings.sequenceGaps().size())
                .as("deals whose sequence numbers are not 0..n; the first: %s", first(findings.sequenceGaps()))
                .isZero();
        softly.assertThat(findings.refusedButPresent().size())
                .as("refused commands in the store; the first: %s", first(findings.refusedButPresent()))
                .isZero();
        softly.assertThat(findings.unknown().size())
                .as("events no client sent; the first: %s", first(findings.unknown()))
                .isZero();

        projected.forEach((table, rows) -> softly
                .assertThat(rows.isEmpty() && !ReadModelTables.NOT_FROM_DEALS.contains(table))
                .as("%s has rows after the burst, so the rebuild is compared with something", table).isFalse());
        softly.assertThat(ReadModelTables.differences(projected, rebuilt, EXAMPLES))
                .as("read models rebuilt from the store differ from the ones projected across the crashes")
                .isEmpty();
        softly.assertAll();
    }

    private LedgerProcess start(String name, List<String> arguments) {
        long started = System.nanoTime();
        LedgerProcess ledger = LedgerProcess.start(jar, directory, name, arguments);
        processes.add(ledger);
        System.out.printf("CrashIT: %s (pid %d) up on 127.0.0.1:%d after %d ms%n", name, ledger.pid(), ledger.port(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return ledger;
    }

    /** {@code GET /api/read-models/status} until {@code upToDate}: every stored event has been projected. */
    private void awaitReadModelsUpToDate(LedgerProcess ledger) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ledger.port() + "/api/read-models/status"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", LedgerProcess.basic("analyst"))
                .GET()
                .build();
        await(ledger.name() + ": read models up to date")
                .atMost(CATCH_UP_PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!ledger.isAlive()) {
                        throw new AssertionError(ledger.name() + " exited; log: " + ledger.log());
                    }
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200
                            && JSON.readTree(response.body()).path("upToDate").asBoolean(false);
                });
    }

    private Connection openStore() throws SQLException {
        if (postgresUrl != null) {
            return DriverManager.getConnection(postgresUrl, "postgres", "");
        }
        // IFEXISTS: a wrong path must fail here, not quietly open a new, empty database
        return DriverManager.getConnection("jdbc:h2:file:"
                + directory.resolve("data").resolve("pipeline-ledger").toAbsolutePath() + ";IFEXISTS=TRUE", "sa", "");
    }

    private static void report(int crashes, List<Outcome> outcomes, Findings findings) {
        long acknowledged = EventStoreAudit.count(outcomes, Result.ACKNOWLEDGED);
        long refused = EventStoreAudit.count(outcomes, Result.REFUSED);
        long unanswered = EventStoreAudit.count(outcomes, Result.UNANSWERED);
        long lostCreations = findings.lost().stream().filter(outcome -> "create".equals(outcome.command())).count();
        int[] lostPerProcess = new int[CRASHES + 1];
        findings.lost().forEach(outcome -> lostPerProcess[outcome.instance()]++);
        System.out.printf("CrashIT: %d crashes (SIGKILL); %d commands sent, %d acknowledged, %d refused, "
                        + "%d unacknowledged (connection cut by a kill), %d of them present in the store%n",
                crashes, outcomes.size(), acknowledged, refused, unanswered, findings.unansweredPresent());
        System.out.printf("CrashIT: lost %d acknowledged commands (%d of them creations), by process %s; "
                        + "%d stored at another version than answered; %d versions answered twice; "
                        + "%d request ids stored twice; %d deals with a gap; %d refused but stored; "
                        + "%d events nobody sent; store: %d events of %d deals%n",
                findings.lost().size(), lostCreations, Arrays.toString(lostPerProcess), findings.misplaced().size(),
                findings.versionsAnsweredTwice().size(), findings.requestIdsTwice().size(),
                findings.sequenceGaps().size(), findings.refusedButPresent().size(), findings.unknown().size(),
                findings.storedEvents(), findings.storedDeals());
        System.out.printf("CrashIT: commands sent by kind %s; refusals by code %s%n",
                outcomes.stream().collect(Collectors.groupingBy(Outcome::command, TreeMap::new,
                        Collectors.counting())),
                outcomes.stream().filter(outcome -> outcome.result() == Result.REFUSED)
                        .collect(Collectors.groupingBy(outcome -> String.valueOf(outcome.detail()),
                                TreeMap::new, Collectors.counting())));
    }

    private void printLogs() {
        for (LedgerProcess ledger : processes) {
            System.out.printf("CrashIT: ---- last lines of %s (%s) ----%n%s%n", ledger.name(), ledger.log(),
                    ledger.logTail(300));
        }
        System.out.println("CrashIT: the ledger's files are kept in " + directory);
    }

    private static Path appJar() {
        Path jar = jarPath();
        assertThat(jar).as("the repackaged jar (failsafe runs after package)").isRegularFile();
        return jar;
    }

    /** Set by app/pom.xml's failsafe configuration; else where the module's build writes it. */
    private static Path jarPath() {
        return Path.of(System.getProperty("crash.app-jar", "target/pipeline-ledger.jar"));
    }

    /** Nothing on H2; on PostgreSQL the production profile, a database of its own and the burst's users. */
    private List<String> databaseArguments() {
        if (!"postgres".equals(System.getProperty("ledger.test.database"))) {
            return List.of();
        }
        postgresUrl = Postgres.shared().newDatabase();
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + postgresUrl, "--spring.datasource.username=postgres"));
        // the users LedgerProcess.basic signs in as; {noop} so that the burst measures commands, not bcrypt
        List<String> users = List.of("rep:REP", "rep2:REP", "manager:MANAGER", "analyst:ANALYST", "auditor:AUDITOR");
        for (int i = 0; i < users.size(); i++) {
            String[] user = users.get(i).split(":");
            arguments.add("--ledger.security.users[" + i + "].name=" + user[0]);
            arguments.add("--ledger.security.users[" + i + "].password={noop}demo");
            arguments.add("--ledger.security.users[" + i + "].roles=" + user[1]);
        }
        return arguments;
    }

    private static List<String> extraArguments() {
        String arguments = System.getProperty("crash.app-args", "").strip();
        return arguments.isEmpty() ? List.of() : List.of(arguments.split("\\s+"));
    }

    private static <T> List<T> first(List<T> items) {
        return items.subList(0, Math.min(EXAMPLES, items.size()));
    }
}
