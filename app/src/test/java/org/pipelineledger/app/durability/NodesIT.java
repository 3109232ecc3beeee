package org.pipelineledger.app.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
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
 * Three nodes of the packaged ledger on one PostgreSQL database (ADR 0018), each taking commands from its own client
 * threads; the node holding segment 0 of the read models' processor is killed with SIGKILL in the middle of it, its
 * clients move to a survivor, and the burst goes on. Afterwards: every acknowledged command is in its deal's history
 * exactly once at the version answered; the survivors took over the killed node's segments (and how long that took);
 * both survivors answer the same board, deals and reports, and so does a node that rebuilt the read models from the
 * store, row for row; the checkpoint job that ran on all three nodes wrote one unbroken chain.
 * <p>
 * {@code -Dnodes.takeovers=n} kills and restarts a node {@code n} times (default 1) to measure the median takeover;
 * {@code -Dnodes.seed=n} repeats a run's choices.
 */
class NodesIT {

    private static final int NODES = 3;
    private static final int SEGMENTS = 4;
    private static final int WORKERS_PER_NODE = 2;
    /** Acknowledgements each node's clients get before the kill, and after it. */
    private static final int BEFORE_KILL = 60;
    private static final int AFTER_KILL = 60;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration BURST_LIMIT = Duration.ofMinutes(5);
    private static final int EXAMPLES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo's users, configured on the postgres profile (which has none) with the demo's password. */
    private static final Map<String, String> USERS = new LinkedHashMap<>(Map.of("rep", "REP", "rep2", "REP",
            "manager", "MANAGER", "analyst", "ANALYST", "auditor", "AUDITOR", "admin", "ADMIN"));

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    private final List<LedgerProcess> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Path jar;
    private String databaseUrl;

    @AfterEach
    void noLedgerOutlivesTheTest() {
        processes.forEach(LedgerProcess::destroyQuietly);
    }

    @Test
    void threeNodesKeepEveryAcknowledgedCommandAgreeWithARebuildAndTakeOverAKilledNodesSegments() throws Exception {
        try {
            threeNodes();
        } catch (Throwable failure) {
            printLogs();
            throw failure;
        }
    }

    private void threeNodes() throws Exception {
        long began = System.nanoTime();
        jar = Path.of(System.getProperty("crash.app-jar", "target/pipeline-ledger.jar"));
        assertThat(jar).as("the repackaged jar (failsafe runs after package)").isRegularFile();
        databaseUrl = Postgres.shared().newDatabase();
        long seed = Long.getLong("nodes.seed", System.nanoTime());
        int takeovers = Integer.getInteger("nodes.takeovers", 1);
        System.out.printf("NodesIT: %d nodes on %s, seed %d%n", NODES, databaseUrl, seed);

        // the first migrates the database; the others start beside it at once
        LedgerProcess[] nodes = new LedgerProcess[NODES];
        nodes[0] = start(0);
        CompletableFuture<LedgerProcess> second = CompletableFuture.supplyAsync(() -> start(1));
        nodes[2] = start(2);
        nodes[1] = second.join();

        // segments spread: no node above its share of ceil(4 / 3) = 2, so at least two nodes work on them
        JsonNode spread = awaitStatus(nodes[1], "segments spread over the nodes", status -> {
            Map<String, Long> byOwner = segmentsByOwner(status);
            return byOwner.size() >= 2 && byOwner.values().stream().allMatch(count -> count <= 2)
                    && byOwner.values().stream().mapToLong(Long::longValue).sum() == SEGMENTS
                    && status.path("liveNodes").asInt() == NODES;
        });
        System.out.printf("NodesIT: segments by owner before the kill %s%n", segmentsByOwner(spread));

        List<CommandBurst> bursts = new ArrayList<>();
        for (int node = 0; node < NODES; node++) {
            CommandBurst burst = new CommandBurst(WORKERS_PER_NODE, seed + node, 2_000, 150, BURST_LIMIT, "n" + node);
            bursts.add(burst);
            burst.start();
            burst.open(new Endpoint(node, nodes[node].port()));
        }
        List<Long> takeoverMillis = new ArrayList<>();
        String victimName;
        int victim;
        try {
            awaitAcknowledged(bursts, BEFORE_KILL);
            // the node that holds segment 0, in the middle of its clients' requests
            victimName = ownerOf(status(nodes[1]), 0);
            victim = Integer.parseInt(victimName.substring("node-".length()));
            int survivor = (victim + 1) % NODES;
            long killedAt = System.nanoTime();
            nodes[victim].kill();
            bursts.get(victim).close();
            bursts.get(victim).open(new Endpoint(survivor, nodes[survivor].port()));
            takeoverMillis.add(awaitTakeover(nodes[survivor], victimName, killedAt));
            awaitAcknowledged(bursts, BEFORE_KILL + AFTER_KILL);
        } catch (Throwable failure) {
            for (CommandBurst burst : bursts) {
                try {
                    burst.stop();
                } catch (Throwable alsoFailed) {
                    failure.addSuppressed(alsoFailed);
                }
            }
            throw failure;
        }
        for (CommandBurst burst : bursts) {
            burst.stop();
        }
        List<Outcome> outcomes = new ArrayList<>();
        bursts.forEach(burst -> outcomes.addAll(burst.outcomes()));
        List<LedgerProcess> survivors = new ArrayList<>(Arrays.asList(nodes));
        survivors.remove(nodes[victim]);

        // more kills only to measure the takeover: the killed node comes back, the owner of segment 0 goes
        for (int round = 1; round < takeovers; round++) {
            nodes[victim] = start(victim, "-" + round, SEGMENTS);
            survivors.add(nodes[victim]);
            awaitStatus(survivors.get(0), "the restarted node has its share", status ->
                    segmentsByOwner(status).size() >= 2 && status.path("liveNodes").asInt() == NODES);
            String owner = ownerOf(status(survivors.get(0)), 0);
            int next = Integer.parseInt(owner.substring("node-".length()));
            LedgerProcess other = survivors.stream().filter(node -> node != nodes[next]).findFirst().orElseThrow();
            long killedAt = System.nanoTime();
            nodes[next].kill();
            survivors.remove(nodes[next]);
            takeoverMillis.add(awaitTakeover(other, owner, killedAt));
            victim = next;
        }

        Map<LedgerProcess, JsonNode> statuses = new LinkedHashMap<>();
        for (LedgerProcess node : survivors) {
            statuses.put(node, awaitStatus(node, "read models up to date", status -> status.path("upToDate")
                    .asBoolean(false)));
        }
        Map<LedgerProcess, Map<String, JsonNode>> reads = new LinkedHashMap<>();
        List<String> deals = outcomes.stream().filter(outcome -> outcome.result() == Result.ACKNOWLEDGED)
                .map(Outcome::dealId).distinct().sorted().limit(12).toList();
        for (LedgerProcess node : survivors) {
            reads.put(node, reads(node, deals));
        }

        Findings findings;
        Map<String, List<String>> projected;
        List<String> chainBreaks;
        long checkpoints;
        JsonNode verification = get(survivors.get(0), "auditor", "/api/audit/verify");
        for (LedgerProcess node : survivors) {
            node.stop();
        }
        try (Connection store = DriverManager.getConnection(databaseUrl)) {
            findings = EventStoreAudit.compare(EventStoreAudit.read(store), outcomes);
            chainBreaks = checkpointChainBreaks(store);
            checkpoints = count(store, "SELECT COUNT(*) FROM audit_checkpoint");
            projected = dump(store);
            ReadModelTables.empty(store);
        }
        // one segment for the reference: a replay from empty over several segments on PostgreSQL can deadlock on the
        // board's stage totals (BoardBatch inserts missing rows after its updates; ADR 0018, "Consequences")
        LedgerProcess rebuild = start(0, "-rebuild", 1);
        JsonNode rebuiltStatus = awaitStatus(rebuild, "read models rebuilt", status -> status.path("upToDate")
                .asBoolean(false));
        Map<String, JsonNode> rebuiltReads = reads(rebuild, deals);
        rebuild.stop();
        Map<String, List<String>> rebuilt;
        try (Connection store = DriverManager.getConnection(databaseUrl)) {
            rebuilt = dump(store);
        }

        List<Long> sorted = takeoverMillis.stream().sorted().toList();
        System.out.printf("NodesIT: %d commands sent, %d acknowledged, %d refused, %d unanswered; store %d events "
                        + "of %d deals; %d checkpoints; takeover after SIGKILL (ms) %s, median %d; run %d s%n",
                outcomes.size(), EventStoreAudit.count(outcomes, Result.ACKNOWLEDGED),
                EventStoreAudit.count(outcomes, Result.REFUSED), EventStoreAudit.count(outcomes, Result.UNANSWERED),
                findings.storedEvents(), findings.storedDeals(), checkpoints, takeoverMillis,
                sorted.get(sorted.size() / 2), Duration.ofNanos(System.nanoTime() - began).toSeconds());

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(findings.lost()).as("acknowledged commands missing from the store").isEmpty();
        softly.assertThat(findings.misplaced()).as("acknowledged commands stored at another version").isEmpty();
        softly.assertThat(findings.versionsAnsweredTwice()).as("versions answered to two commands").isEmpty();
        softly.assertThat(findings.requestIdsTwice()).as("request ids on more than one event").isEmpty();
        softly.assertThat(findings.sequenceGaps()).as("deals whose sequence numbers are not 0..n").isEmpty();
        softly.assertThat(findings.refusedButPresent()).as("refused commands in the store").isEmpty();
        softly.assertThat(findings.unknown()).as("events no client sent").isEmpty();
        // the killed node's deals moved to a survivor: nothing is refused as stale (the cache is checked, ADR 0018)
        softly.assertThat(outcomes.stream().filter(outcome -> "STALE_VERSION".equals(outcome.detail())).toList())
                .as("commands refused as stale").isEmpty();

        List<LedgerProcess> answered = List.copyOf(reads.keySet());
        for (LedgerProcess node : answered.subList(1, answered.size())) {
            softly.assertThat(reads.get(node)).as("%s reads as %s does", node.name(), answered.get(0).name())
                    .isEqualTo(reads.get(answered.get(0)));
        }
        softly.assertThat(rebuiltReads).as("a rebuild reads as the nodes did").isEqualTo(reads.get(answered.get(0)));
        statuses.forEach((node, status) -> softly.assertThat(processorOf(status).path("position").asLong())
                .as("%s's position", node.name()).isEqualTo(processorOf(rebuiltStatus).path("position").asLong()));
        softly.assertThat(ReadModelTables.differences(projected, rebuilt, EXAMPLES))
                .as("read models rebuilt from the store differ from the ones three nodes projected").isEmpty();
        projected.forEach((table, rows) -> softly
                .assertThat(rows.isEmpty() && !ReadModelTables.NOT_FROM_DEALS.contains(table))
                .as("%s has rows after the burst", table).isFalse());

        softly.assertThat(checkpoints).as("checkpoints written while three nodes ran").isPositive();
        softly.assertThat(chainBreaks).as("breaks in the checkpoints' chain").isEmpty();
        softly.assertThat(verification.path("ok").asBoolean(false)).as("the whole store verifies: %s", verification)
                .isTrue();
        for (LedgerProcess node : processes) {
            softly.assertThat(errorLines(node)).as("ERROR lines in %s's log", node.name()).isEmpty();
        }
        softly.assertAll();
    }

    private LedgerProcess start(int node) {
        return start(node, "", SEGMENTS);
    }

    private LedgerProcess start(int node, String suffix, int segments) {
        long started = System.nanoTime();
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--ledger.node.name=node-" + node,
                "--axon.eventhandling.processors.projections.initial-segment-count=" + segments,
                // until application.yml carries it for the shared processor (ADR 0018): Axon's 5 s otherwise
                "--axon.eventhandling.processors.projections.token-claim-interval=1000",
                // checkpoints often, so that three nodes race for them during the burst
                "--ledger.audit.checkpoint.interval=2s", "--ledger.audit.checkpoint.settle=1s"));
        int user = 0;
        for (Map.Entry<String, String> entry : USERS.entrySet()) {
            arguments.add("--ledger.security.users[" + user + "].name=" + entry.getKey());
            arguments.add("--ledger.security.users[" + user + "].password={noop}demo");
            arguments.add("--ledger.security.users[" + user + "].roles=" + entry.getValue());
            user++;
        }
        LedgerProcess ledger = LedgerProcess.start(jar, directory, "node-" + node + suffix, arguments);
        synchronized (processes) {
            processes.add(ledger);
        }
        System.out.printf("NodesIT: node-%d%s (pid %d) up on 127.0.0.1:%d after %d ms%n", node, suffix, ledger.pid(),
                ledger.port(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        return ledger;
    }

    private void awaitAcknowledged(List<CommandBurst> bursts, int each) {
        await("every node's clients have " + each + " commands acknowledged")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    for (CommandBurst burst : bursts) {
                        if (burst.failure() != null) {
                            throw new AssertionError("a client thread failed", burst.failure());
                        }
                    }
                    return bursts.stream().allMatch(burst -> acknowledged(burst) >= each);
                });
    }

    private static int acknowledged(CommandBurst burst) {
        int sum = 0;
        for (int node = 0; node < NODES; node++) {
            sum += burst.acknowledgedBy(node);
        }
        return sum;
    }

    /** From the kill until the survivor's status shows every segment held by a live node; in milliseconds. */
    private long awaitTakeover(LedgerProcess survivor, String killed, long killedAt) {
        awaitStatus(survivor, "the segments of " + killed + " taken over", status -> {
            JsonNode claims = processorOf(status).path("claims");
            if (claims.size() != SEGMENTS) {
                return false;
            }
            for (JsonNode claim : claims) {
                if (claim.path("owner").isNull() || claim.path("owner").isMissingNode()
                        || killed.equals(claim.path("owner").asText()) || claim.path("expired").asBoolean()) {
                    return false;
                }
            }
            return true;
        }, Duration.ofMillis(50));
        long millis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
        System.out.printf("NodesIT: %s's segments taken over %d ms after SIGKILL: %s%n", killed, millis,
                segmentsByOwner(status(survivor)));
        return millis;
    }

    private JsonNode awaitStatus(LedgerProcess node, String what, Predicate<JsonNode> condition) {
        return awaitStatus(node, what, condition, Duration.ofMillis(200));
    }

    private JsonNode awaitStatus(LedgerProcess node, String what, Predicate<JsonNode> condition,
                                 Duration poll) {
        JsonNode[] last = {null};
        await(node.name() + ": " + what)
                .atMost(PATIENCE)
                .pollInterval(poll)
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!node.isAlive()) {
                        throw new AssertionError(node.name() + " exited; log: " + node.log());
                    }
                    last[0] = status(node);
                    return condition.test(last[0]);
                });
        return last[0];
    }

    private JsonNode status(LedgerProcess node) {
        return get(node, "analyst", "/api/read-models/status");
    }

    private static JsonNode processorOf(JsonNode status) {
        return status.path("processors").path(0);
    }

    private static Map<String, Long> segmentsByOwner(JsonNode status) {
        Map<String, Long> byOwner = new TreeMap<>();
        for (JsonNode claim : processorOf(status).path("claims")) {
            byOwner.merge(claim.path("owner").asText("(none)"), 1L, Long::sum);
        }
        return byOwner;
    }

    private static String ownerOf(JsonNode status, int segment) {
        for (JsonNode claim : processorOf(status).path("claims")) {
            if (claim.path("segment").asInt() == segment) {
                return claim.path("owner").asText();
            }
        }
        throw new AssertionError("no segment " + segment + " in " + status);
    }

    /**
     * What a user reads from the read models: the board, some deals, the reports; without what is computed against
     * the clock at the moment of asking (the instant itself, days in stage, and staleness, which compares the time in
     * a stage with stays a few seconds long here).
     */
    private Map<String, JsonNode> reads(LedgerProcess node, List<String> deals) {
        Map<String, JsonNode> reads = new TreeMap<>();
        for (String path : List.of("/api/board?cardsPerStage=1000", "/api/reports/slippage",
                "/api/reports/reversions", "/api/reports/days-in-stage")) {
            reads.put(path, withoutInstants(get(node, "analyst", path)));
        }
        for (String deal : deals) {
            reads.put(deal, withoutInstants(get(node, "analyst", "/api/opportunities/" + deal)));
        }
        return reads;
    }

    private static JsonNode withoutInstants(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("asOf", "generatedAt", "stale", "daysInStage"));
            object.forEach(NodesIT::withoutInstants);
        } else if (node.isArray()) {
            node.forEach(NodesIT::withoutInstants);
        }
        return node;
    }

    private JsonNode get(LedgerProcess node, String user, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", LedgerProcess.basic(user))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(node.name() + " answered " + response.statusCode() + " to " + path + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Checkpoints numbered without a gap, each over the previous one's hash. */
    private static List<String> checkpointChainBreaks(Connection store) throws SQLException {
        List<String> breaks = new ArrayList<>();
        try (Statement statement = store.createStatement();
             ResultSet rows = statement.executeQuery("SELECT number, position, previous, hash FROM audit_checkpoint"
                     + " ORDER BY number")) {
            Long number = null;
            long position = -1;
            byte[] hash = null;
            while (rows.next()) {
                long next = rows.getLong(1);
                if (number != null && next != number + 1) {
                    breaks.add("checkpoint " + next + " follows " + number);
                }
                if (hash != null && !Arrays.equals(hash, rows.getBytes(3))) {
                    breaks.add("checkpoint " + next + " is not over checkpoint " + number + "'s hash");
                }
                if (rows.getLong(2) < position) {
                    breaks.add("checkpoint " + next + " stands before checkpoint " + number);
                }
                number = next;
                position = rows.getLong(2);
                hash = rows.getBytes(4);
            }
        }
        return breaks;
    }

    private static long count(Connection store, String sql) throws SQLException {
        try (Statement statement = store.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Every read model's rows on PostgreSQL, rendered without the columns that may differ in a rebuild, sorted; the
     * tables of {@code public} classified as {@link ReadModelTables} classifies them.
     */
    private static Map<String, List<String>> dump(Connection store) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement statement = store.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        Set<String> unclassified = new TreeSet<>(tables);
        unclassified.removeAll(ReadModelTables.READ_MODELS.keySet());
        unclassified.removeAll(ReadModelTables.NOT_READ_MODELS.keySet());
        assertThat(unclassified).as("tables neither compared nor named in ReadModelTables").isEmpty();
        Map<String, List<String>> dump = new TreeMap<>();
        for (String table : new TreeSet<>(ReadModelTables.READ_MODELS.keySet())) {
            Set<String> ignored = ReadModelTables.READ_MODELS.get(table);
            List<String> rendered = new ArrayList<>();
            try (Statement statement = store.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int column = 1; column <= columns.getColumnCount(); column++) {
                        String name = columns.getColumnLabel(column).toLowerCase(Locale.ROOT);
                        if (!ignored.contains(name)) {
                            row.append(name).append('=').append(rows.getString(column)).append(", ");
                        }
                    }
                    rendered.add(row.toString());
                }
            }
            rendered.sort(null);
            dump.put(table, rendered);
        }
        return dump;
    }

    private static List<String> errorLines(LedgerProcess node) {
        try {
            if (!Files.exists(node.log())) {
                return List.of();
            }
            return new String(Files.readAllBytes(node.log()), StandardCharsets.UTF_8).lines()
                    .filter(line -> line.contains(" ERROR "))
                    .limit(EXAMPLES)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            return List.of("could not read " + node.log() + ": " + e);
        }
    }

    private void printLogs() {
        for (LedgerProcess ledger : processes) {
            System.out.printf("NodesIT: ---- last lines of %s (%s) ----%n%s%n", ledger.name(), ledger.log(),
                    ledger.logTail(200));
        }
        System.out.println("NodesIT: the logs are kept in " + directory);
    }
}
