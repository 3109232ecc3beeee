package org.pipelineledger.bench.runner;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Latency;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.Poll;
import org.pipelineledger.bench.Variant;
import org.pipelineledger.bench.commands.ClientPhase;
import org.pipelineledger.bench.commands.CommandMix;
import org.pipelineledger.bench.ledger.LedgerApp;
import org.pipelineledger.bench.ledger.LedgerVariants;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * Issue 22: N nodes of the ledger (T, as it ships, profile {@code postgres}) on one embedded PostgreSQL 17 started for
 * the run, the command mix over HTTP spread over them (the n-th command on a deal to node (deal + n) mod N, as a
 * round-robin balancer would, so that deals move between the nodes' caches), closed loop from the runner's JVM.
 * Reported: commands per second and latency, the time the read models took to catch up, and every node's heap
 * (used, sampled with {@code jstat} every half second, and its peak) and peak RSS.
 */
final class NodesScenario {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    private final Settings settings;
    private final Forks forks;
    private final BenchArgs args;

    NodesScenario(Settings settings, Forks forks) {
        this.settings = settings;
        this.forks = forks;
        this.args = settings.args();
    }

    List<Case> cases(List<Variant> variants) {
        int deals = args.integer("deals", settings.quick() ? 50 : 2_000);
        int commands = args.integer("commands", settings.quick() ? 600 : 20_000);
        int warmup = args.integer("warmup", settings.quick() ? 100 : 2_000);
        int concurrency = args.integer("concurrency", settings.quick() ? 4 : 12);
        // the shipped default: several segments on a fresh store race on the board's stage totals (ADR 0018's known
        // limit) and failed the smoke test once; --segments 4 measures the spread anyway
        int segments = args.integer("segments", 1);
        List<Case> cases = new ArrayList<>();
        for (String count : args.string("nodes", "1,3").split(",")) {
            int nodes = Integer.parseInt(count.trim());
            cases.add(new Case("nodes." + nodes, "nodes",
                    String.format("%d node(s) on one PostgreSQL 17, %d segments; %,d deals, %,d commands over HTTP"
                            + " with %d connections spread over the nodes, after %,d warm-up", nodes, segments, deals,
                            commands, concurrency, warmup),
                    variants, (variant, dir) -> run(dir, variant, nodes, segments, deals, commands, warmup,
                            concurrency)));
        }
        return cases;
    }

    private ChildResult run(Path dir, Variant variant, int nodes, int segments, int deals, int commands, int warmup,
                            int concurrency) throws Exception {
        ChildResult result = new ChildResult();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setServerConfig("max_connections", "300")
                .start()) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE ledger");
            }
            String url = postgres.getJdbcUrl("postgres", "ledger");
            List<Forks.AppProcess> apps = new ArrayList<>();
            try {
                for (int node = 0; node < nodes; node++) {
                    // the first migrates the database alone
                    apps.add(start(dir.resolve("node-" + node), variant, url, node, segments));
                    if (node == 0) {
                        result.info("node_0_ready_s", apps.get(0).awaitReady(Duration.ofMinutes(3)));
                    }
                }
                for (Forks.AppProcess app : apps.subList(1, apps.size())) {
                    app.awaitReady(Duration.ofMinutes(3));
                }
                measure(result, apps, deals, commands, warmup, concurrency);
            } finally {
                for (Forks.AppProcess app : apps) {
                    app.close();
                }
            }
        }
        return result;
    }

    private Forks.AppProcess start(Path dir, Variant variant, String url, int node, int segments) throws IOException {
        List<String> command = new ArrayList<>(forks.javaCommand());
        command.addAll(List.of("-cp", settings.classpath(), LedgerApp.APPLICATION_CLASS));
        command.addAll(LedgerVariants.arguments(variant, settings.h2()));
        int port = Forks.freePort();
        command.addAll(List.of("--server.port=" + port, "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--ledger.node.name=node-" + node,
                "--axon.eventhandling.processors." + LedgerVariants.SHARED_PROCESSOR + ".initial-segment-count="
                        + segments,
                "--axon.eventhandling.processors." + LedgerVariants.SHARED_PROCESSOR + ".token-claim-interval=1000",
                // the harness's client is the demo admin; the postgres profile has no users of its own
                "--ledger.security.users[0].name=admin", "--ledger.security.users[0].password={noop}demo",
                "--ledger.security.users[0].roles=ADMIN"));
        long started = System.nanoTime();
        Process process = forks.start(dir, command, "app.log");
        return new Forks.AppProcess(process, port, started, dir.resolve("app.log"));
    }

    private static void measure(ChildResult result, List<Forks.AppProcess> apps, int deals, int commands, int warmup,
                                int concurrency) throws Exception {
        int nodes = apps.size();
        ExecutorService io = Executors.newFixedThreadPool(Math.max(concurrency, 8));
        List<LedgerHttp> https = apps.stream().map(app -> new LedgerHttp(app.url(), io)).toList();
        HeapSampler heap = new HeapSampler(apps);
        try {
            ClientPhase.Result creation = ClientPhase.create(8, deals,
                    deal -> expect2xx(https.get(deal % nodes), CommandMix.httpCreate(deal)));
            creation.reportErrors(result, "create");
            AtomicLongArray counters = new AtomicLongArray(deals);
            ClientPhase.Sender sender = (deal, n) -> expect2xx(https.get((int) ((deal + n) % nodes)),
                    CommandMix.http(deal, n));
            ClientPhase.run(concurrency, warmup, deals, counters, 11, sender).reportErrors(result, "warmup");
            awaitCaughtUp(https);
            heap.start();
            ClientPhase.Result measured = ClientPhase.run(concurrency, commands, deals, counters, 13, sender);
            OptionalDouble catchUp = awaitCaughtUp(https);
            heap.stop();
            measured.reportErrors(result, "measured");
            result.metric("cmds_per_s", measured.perSecond());
            Latency.report(result, "", measured.latency());
            result.metric("conflicts", measured.conflicts());
            catchUp.ifPresent(seconds -> result.metric("catch_up_s", seconds));
            for (int node = 0; node < nodes; node++) {
                result.metric("node" + node + "_heap_used_mb_mean", heap.meanMb(node));
                result.metric("node" + node + "_heap_used_mb_peak", heap.peakMb(node));
                result.metric("node" + node + "_peak_rss_mb", apps.get(node).peakRssMb());
            }
            result.info("heap_samples", heap.samples());
            result.info("segments_by_owner", segmentsByOwner(https.get(0)));
        } finally {
            heap.stop();
            io.shutdownNow();
        }
    }

    /** Every node's status until the read models are up to date there; seconds the slowest took. */
    private static OptionalDouble awaitCaughtUp(List<LedgerHttp> https) throws Exception {
        long started = System.nanoTime();
        for (LedgerHttp http : https) {
            if (!Poll.until(Duration.ofMinutes(10), Duration.ofMillis(50), () -> http.readModels().upToDate())) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of((System.nanoTime() - started) / 1e9);
    }

    private static String segmentsByOwner(LedgerHttp http) throws Exception {
        var status = ChildResult.JSON.readTree(http.get("/api/read-models/status").body());
        Map<String, Integer> byOwner = new TreeMap<>();
        status.path("processors").path(0).path("claims")
                .forEach(claim -> byOwner.merge(claim.path("owner").asText("(none)"), 1, Integer::sum));
        return byOwner.toString();
    }

    private static void expect2xx(LedgerHttp http, CommandMix.HttpCommand command) throws Exception {
        var response = http.post(command.path(), command.json());
        if (response.statusCode() == 409) {
            throw new LedgerException(ProblemCode.STALE_VERSION, response.body());
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " " + response.uri() + ": "
                    + response.body());
        }
    }

    /**
     * Each node's heap in use, from {@code jstat -gc} (survivor, eden and old generation used, in KB) every
     * {@link #SAMPLE_EVERY}: what the collector has not reclaimed at that moment, so its peak is an upper bound of the
     * live data and its mean depends on when collections fall.
     */
    private static final class HeapSampler {

        private final List<Forks.AppProcess> apps;
        private final List<List<Double>> samples = new ArrayList<>();
        private ScheduledExecutorService executor;

        HeapSampler(List<Forks.AppProcess> apps) {
            this.apps = apps;
            apps.forEach(app -> samples.add(Collections.synchronizedList(new ArrayList<>())));
        }

        void start() {
            executor = Executors.newSingleThreadScheduledExecutor();
            executor.scheduleAtFixedRate(this::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            if (executor != null) {
                executor.shutdown();
                executor.awaitTermination(10, TimeUnit.SECONDS);
                executor = null;
            }
        }

        private void sample() {
            for (int node = 0; node < apps.size(); node++) {
                double used = usedMb(apps.get(node).process().pid());
                if (used >= 0) {
                    samples.get(node).add(used);
                }
            }
        }

        double meanMb(int node) {
            return samples.get(node).stream().mapToDouble(Double::doubleValue).average().orElse(-1);
        }

        double peakMb(int node) {
            return samples.get(node).stream().mapToDouble(Double::doubleValue).max().orElse(-1);
        }

        List<Integer> samples() {
            return samples.stream().map(List::size).toList();
        }

        /** S0U + S1U + EU + OU of {@code jstat -gc}, in MiB; -1 when jstat cannot tell. */
        private static double usedMb(long pid) {
            try {
                Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                        "-gc", String.valueOf(pid)).redirectErrorStream(true).start();
                String output = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!jstat.waitFor(10, TimeUnit.SECONDS) || jstat.exitValue() != 0) {
                    return -1;
                }
                String[] lines = output.strip().split("\\R");
                List<String> names = List.of(lines[0].trim().split("\\s+"));
                String[] values = lines[lines.length - 1].trim().split("\\s+");
                double kb = 0;
                for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                    int index = names.indexOf(column);
                    if (index >= 0 && index < values.length && !values[index].equals("-")) {
                        kb += Double.parseDouble(values[index]);
                    }
                }
                return kb / 1024;
            } catch (IOException | RuntimeException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }
}
