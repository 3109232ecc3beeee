package org.pipelineledger.bench.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildMain;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.H2Mode;
import org.pipelineledger.bench.Variant;

/**
 * The scenarios of issue 3 and their sizes. Full mode uses the sizes; quick mode (the CI smoke test) uses
 * tiny ones so that every path runs end to end in seconds. Every size can be overridden on the command line; the
 * runner resolves them and hands them to the forked runs, which have no defaults of their own.
 */
final class Scenarios {

    static final List<String> ALL = List.of("startup", "commands", "http", "replay", "queries", "browser", "analytics",
            "audit", "auth", "nodes");
    private static final List<Variant> ALL_VARIANTS = List.of(Variant.RAW, Variant.V0, Variant.TB, Variant.T);
    private static final List<Variant> LEDGER_VARIANTS = List.of(Variant.V0, Variant.TB, Variant.T);

    private final Settings settings;
    private final Forks forks;
    private final Templates templates;
    private final BenchArgs args;
    private final ClassDataSharing classDataSharing;

    Scenarios(Settings settings, Forks forks, Templates templates) {
        this.settings = settings;
        this.forks = forks;
        this.classDataSharing = new ClassDataSharing(forks);
        this.templates = templates;
        this.args = settings.args();
    }

    List<Case> plan(String scenario) {
        return switch (scenario) {
            case "all" -> ALL.stream().flatMap(s -> plan(s).stream()).toList();
            case "commands" -> commands();
            case "http" -> List.of(http());
            case "replay" -> replay();
            case "queries" -> queries();
            case "startup" -> List.of(startup(), startupFromArchive());
            case "browser" -> List.of(browser());
            case "analytics" -> List.of(importDataset(), metrics());
            case "audit" -> audit();
            case "auth" -> List.of(auth());
            case "nodes" -> new NodesScenario(settings, forks).cases(variants("nodes", List.of(Variant.T)));
            default -> throw new IllegalArgumentException("unknown scenario " + scenario + "; one of " + ALL + " or all");
        };
    }

    private int size(String option, int full, int quick) {
        return args.integer(option, settings.quick() ? quick : full);
    }

    private List<Integer> sizes(String option, String full, String quick) {
        return Arrays.stream(args.string(option, settings.quick() ? quick : full).split(","))
                .map(s -> Integer.parseInt(s.trim().replace("_", ""))).toList();
    }

    /** The scenario's variants that were asked for: {@code --variants-<scenario>} outranks {@code --variants}. */
    private List<Variant> variants(String scenario, List<Variant> candidates) {
        String specific = args.string("variants-" + scenario, null);
        List<Variant> wanted = specific == null ? settings.variants() : Variant.parse(specific);
        return candidates.stream().filter(wanted::contains).toList();
    }

    private List<Case> commands() {
        int deals = size("deals", 10_000, 50);
        int commands = size("commands", 200_000, 400);
        int warmup = size("warmup", 10_000, 50);
        int backlogEvery = size("backlog-every-ms", 2_000, 2_000);
        // a diagnostic, not a variant: how much of a command's cost is the read models projecting at the same time
        boolean paused = args.flag("pause-read-models");
        List<Case> cases = new ArrayList<>();
        for (String threads : args.string("threads", settings.quick() ? "2" : "1,2,4").split(",")) {
            // RAW's batched appends are the same bound at every thread count: measured in the first case only
            int batchedRows = cases.isEmpty() ? commands : 0;
            cases.add(new Case("commands.t" + threads, "commands",
                    String.format("%,d deals, %,d one-event commands through the CommandGateway, %s client thread(s)%s",
                            deals, commands, threads,
                            paused ? "; the ledger's read models stopped before the measured commands" : ""),
                    variants("commands", ALL_VARIANTS), (variant, dir) -> forks.runChild(dir,
                            ChildMain.COMMANDS, variant,
                            Map.of("deals", deals, "commands", commands, "warmup", warmup, "threads", threads,
                                    "batched-rows", batchedRows, "pause-read-models", paused,
                                    "backlog-every-ms", backlogEvery))));
        }
        return cases;
    }

    private Case http() {
        int deals = size("deals", 10_000, 20);
        int rate = size("rate", 200, 50);
        int seconds = size("seconds", 30, 1);
        int concurrency = size("concurrency", 16, 4);
        int saturation = size("saturation-requests", 50_000, 200);
        int warmup = size("warmup", 5_000, 20);
        int backlogEvery = size("backlog-every-ms", 2_000, 2_000);
        return new Case("http", "http",
                String.format("%,d deals over HTTP from a separate JVM: %d req/s offered for %d s, then %,d requests"
                        + " with %d connections (saturation)", deals, rate, seconds, saturation, concurrency),
                variants("http", LEDGER_VARIANTS), (variant, dir) -> {
                    try (Forks.AppProcess app = forks.startApp(dir.resolve("app"), variant)) {
                        double ready = app.awaitReady(Duration.ofMinutes(2));
                        ChildResult result = forks.runChild(dir.resolve("load"), ChildMain.HTTP_LOAD, variant, Map.of(
                                "url", app.url(), "deals", deals, "rate", rate, "seconds", seconds,
                                "concurrency", concurrency, "saturation-requests", saturation, "warmup", warmup,
                                "backlog-every-ms", backlogEvery));
                        result.info("app_ready_s", ready);
                        result.info("app_peak_rss_mb", app.peakRssMb());
                        if (result.errors() > 0) {
                            // a 500 says only "quote the requestId": the app's own log says what happened
                            result.info("app_log_tail", Forks.tail(app.log(), 60));
                            // the tail of a long stack trace no longer shows what was thrown
                            result.info("app_log_first_error", Forks.firstError(app.log(), 80));
                        }
                        return result;
                    }
                });
    }

    private List<Case> replay() {
        int eventsPerDeal = size("events-per-deal", 10, 10);
        int maxSeconds = size("max-seconds", 600, 120);
        List<Case> cases = new ArrayList<>();
        for (int deals : sizes("replay-deals", "10000,100000", "100")) {
            long events = (long) deals * eventsPerDeal;
            cases.add(new Case("replay." + label(events) + "-events", "replay",
                    String.format("reset every projection and rebuild from %,d events (%,d deals); V0 is stopped after"
                            + " %d s and rated by its progress", events, deals, maxSeconds),
                    variants("replay", ALL_VARIANTS), (variant, dir) -> runSeeded(dir,
                            ChildMain.REPLAY, variant,
                            Map.of("deals", deals, "events-per-deal", eventsPerDeal, "max-seconds", maxSeconds))));
        }
        return cases;
    }

    private List<Case> queries() {
        int eventsPerDeal = size("events-per-deal", 10, 10);
        int requests = size("requests", 1_000, 20);
        int warmup = size("query-warmup", 200, 5);
        int querySeconds = size("query-seconds", 120, 60);
        List<Case> cases = new ArrayList<>();
        for (int deals : sizes("query-deals", "10000,100000", "100")) {
            cases.add(new Case("queries." + label(deals) + "-deals", "queries",
                    String.format("board, days-in-stage report and one deal's history with %,d open deals;"
                            + " %,d requests each after %d warm-up, at most %d s per query", deals, requests, warmup,
                            querySeconds),
                    variants("queries", LEDGER_VARIANTS), (variant, dir) -> runSeeded(dir, ChildMain.LEDGER_QUERIES,
                            variant, Map.of("deals", deals, "events-per-deal", eventsPerDeal, "requests", requests,
                                    "warmup", warmup, "query-seconds", querySeconds))));
        }
        return cases;
    }

    private Case browser() {
        int deals = size("browser-deals", 10_000, 100);
        int eventsPerDeal = size("events-per-deal", 10, 10);
        int navigations = size("navigations", 20, 2);
        int changes = size("live-changes", 50, 3);
        int requests = size("auth-requests", 1_000, 40);
        int threads = size("auth-threads", 8, 2);
        return new Case("browser." + label(deals) + "-deals", "browser",
                String.format("the web application in Chromium with %,d open deals: %d navigations to the board, %d"
                        + " changes seen live; %,d reads over %d connections by a bcrypt-10 user with Basic and with"
                        + " a session", deals, navigations, changes, requests, threads),
                variants("browser", List.of(Variant.T)), (variant, dir) -> runSeeded(dir, ChildMain.BROWSER, variant,
                        Map.of("deals", deals, "events-per-deal", eventsPerDeal, "navigations", navigations,
                                "live-changes", changes, "auth-requests", requests, "auth-threads", threads)));
    }

    /** Issue 20: the CRM sample through {@code POST /api/imports} into an empty ledger (T only: the product's path). */
    private Case importDataset() {
        int rows = size("import-rows", 0, 60);
        int copies = size("import-copies", 1, 1);
        Path dataset = settings.home().resolveSibling("datasets").resolve("crm-sales-opportunities");
        return new Case("analytics.import", "analytics",
                String.format("the CRM sample (%s%s, with its teams, accounts and products) uploaded to POST"
                        + " /api/imports until DONE and until the read models have projected it",
                        rows == 0 ? "all 8,800 rows" : "its first " + rows + " rows",
                        copies > 1 ? ", " + copies + " times under other ids" : ""),
                variants("analytics", List.of(Variant.T)), (variant, dir) -> forks.runChild(dir, ChildMain.IMPORT,
                        variant, Map.of("dataset", dataset.toString(), "import-rows", rows, "import-copies", copies)));
    }

    /** Issue 20: the metrics endpoints on a seeded ledger, every grouping and the three flow reports. */
    private Case metrics() {
        int deals = size("metrics-deals", 100_000, 100);
        int eventsPerDeal = size("events-per-deal", 10, 10);
        int requests = size("requests", 200, 10);
        int warmup = size("query-warmup", 30, 3);
        int querySeconds = size("query-seconds", 30, 30);
        return new Case("analytics.metrics." + label(deals) + "-deals", "analytics",
                String.format("GET /api/metrics with each groupBy, conversion, waterfall and coverage with %,d deals;"
                        + " %,d requests each after %d warm-up, at most %d s per query", deals, requests, warmup,
                        querySeconds),
                variants("analytics", List.of(Variant.T)), (variant, dir) -> runSeeded(dir, ChildMain.METRICS, variant,
                        Map.of("deals", deals, "events-per-deal", eventsPerDeal, "requests", requests,
                                "warmup", warmup, "query-seconds", querySeconds)));
    }

    /**
     * Issue 21: verification of the whole store, one deal as of an instant (100 events a deal), the board as of an
     * instant. The cost of chaining on commands is the {@code commands} scenario with
     * {@code --variants TB,T --tb="--bench.unchained-appends=true"}.
     */
    private List<Case> audit() {
        int verifyDeals = size("verify-deals", 100_000, 100);
        int eventsPerDeal = size("events-per-deal", 10, 10);
        int dealEvents = size("as-of-deal-events", 100, 20);
        int dealDeals = size("as-of-deal-deals", 1_000, 20);
        int requests = size("requests", 500, 10);
        int warmup = size("query-warmup", 50, 3);
        int querySeconds = size("query-seconds", 60, 30);
        List<Case> cases = new ArrayList<>();
        long verifyEvents = (long) verifyDeals * eventsPerDeal;
        cases.add(new Case("audit.verify." + label(verifyEvents) + "-events", "audit",
                String.format("POST /api/audit/verifications over the whole store, %,d events (%,d deals), polled"
                        + " until DONE", verifyEvents, verifyDeals),
                variants("audit", List.of(Variant.T)), (variant, dir) -> runSeeded(dir, ChildMain.VERIFY, variant,
                        Map.of("deals", verifyDeals, "events-per-deal", eventsPerDeal))));
        cases.add(new Case("audit.as-of-deal", "audit",
                String.format("GET /api/opportunities/{id}?asOf= for a random deal of %,d with %d events each, at a"
                        + " random instant of its history; %,d requests after %d warm-up", dealDeals, dealEvents,
                        requests, warmup),
                variants("audit", List.of(Variant.T)), (variant, dir) -> runSeeded(dir, ChildMain.AS_OF, variant,
                        Map.of("deals", dealDeals, "events-per-deal", dealEvents, "requests", requests,
                                "warmup", warmup, "query-seconds", querySeconds))));
        for (int deals : sizes("as-of-board-deals", "10000,100000", "100")) {
            cases.add(new Case("audit.as-of-board." + label(deals) + "-deals", "audit",
                    String.format("GET /api/board?asOf= at a random instant of the seeded period with %,d deals (%d"
                            + " events each), against the live board; %,d requests each after %d warm-up", deals,
                            eventsPerDeal, requests, warmup),
                    variants("audit", List.of(Variant.T)), (variant, dir) -> runSeeded(dir, ChildMain.AS_OF, variant,
                            Map.of("deals", deals, "events-per-deal", eventsPerDeal, "requests", requests,
                                    "warmup", warmup, "query-seconds", querySeconds, "boards", 1))));
        }
        return cases;
    }

    /**
     * Issue 22: the same read by a bcrypt-10 user with HTTP Basic and with a personal access token, and the
     * unauthenticated health endpoint as the server's own limit, in one run (T only: the product's path).
     */
    private Case auth() {
        int deals = size("auth-deals", 1_000, 20);
        int eventsPerDeal = size("events-per-deal", 10, 10);
        int requests = size("bearer-requests", 20_000, 200);
        int basicRequests = size("basic-requests", 400, 20);
        int threads = size("auth-threads", 8, 2);
        return new Case("auth." + label(deals) + "-deals", "auth",
                String.format("GET %s by a bcrypt-10 user over %d connections: %,d with a Bearer token, %,d with"
                        + " HTTP Basic, and %,d each of the unauthenticated GET /actuator/health and a static file;"
                        + " %,d deals (%d events each); heap peak and at the end, peak RSS", "/api/board", threads,
                        requests, basicRequests, requests, deals, eventsPerDeal),
                variants("auth", List.of(Variant.T)), (variant, dir) -> runSeeded(dir, ChildMain.AUTH, variant,
                        Map.of("deals", deals, "events-per-deal", eventsPerDeal, "auth-requests", requests,
                                "auth-basic-requests", basicRequests, "auth-threads", threads)));
    }

    /** Runs {@code body} on the events: in file mode from a copy of the prepared template, in memory mode seeded by it. */
    private ChildResult runSeeded(Path dir, String body, Variant variant, Map<String, Integer> options) throws Exception {
        if (settings.h2() == H2Mode.FILE) {
            Templates.copyDatabase(templates.prepare(options.get("deals"), options.get("events-per-deal")), dir);
        }
        return forks.runChild(dir, body, variant, options);
    }

    private Case startup() {
        return new Case("startup", "startup",
                "process start to health UP (ready) and to the first accepted command over HTTP, on an empty database;"
                        + " peak RSS (VmHWM)",
                variants("startup", LEDGER_VARIANTS), (variant, dir) -> {
                    ChildResult result = new ChildResult();
                    try (Forks.AppProcess app = forks.startApp(dir, variant)) {
                        measureStart(app, result, "");
                    } catch (RuntimeException e) {
                        result.error(e.getMessage());
                    }
                    return result;
                });
    }

    /**
     * T started from its packaged jar, extracted, with and without the class-data archive of one training run (the
     * README's "Starting faster"): both launches in every run, their order alternating from run to run, so that each
     * run gives a paired ratio on a noisy machine. Metrics: {@code jar_*} without the archive, {@code cds_*} with it.
     */
    private Case startupFromArchive() {
        AtomicInteger runs = new AtomicInteger();
        return new Case("startup.cds", "startup",
                "T from its extracted Boot jar, without (jar_*) and with (cds_*) a class-data archive from one"
                        + " training run (" + (ClassDataSharing.aotCache() ? "AOT cache" : "dynamic CDS archive")
                        + " on this JDK); both in every run, alternating which goes first",
                variants("startup", List.of(Variant.T)), (variant, dir) -> {
                    ChildResult result = new ChildResult();
                    ClassDataSharing.Prepared archive =
                            classDataSharing.prepare(settings.home(), settings.work().resolve("class-data-sharing"));
                    result.info("archive", archive.kind() + ", " + archive.archiveBytes() / (1024 * 1024) + " MB");
                    result.info("training_s", archive.trainingSeconds());
                    boolean archiveFirst = runs.getAndIncrement() % 2 == 1;
                    for (boolean withArchive : archiveFirst ? List.of(true, false) : List.of(false, true)) {
                        String prefix = withArchive ? "cds_" : "jar_";
                        try (Forks.AppProcess app = forks.startAppFromJar(dir.resolve(prefix + "app"), variant,
                                archive.jar(), withArchive ? archive.useArchive() : List.of())) {
                            measureStart(app, result, prefix);
                        } catch (RuntimeException e) {
                            result.error(prefix + e.getMessage());
                        }
                    }
                    Double jar = result.metrics().get("jar_ready_s");
                    Double cds = result.metrics().get("cds_ready_s");
                    if (jar != null && cds != null) {
                        result.metric("cds_vs_jar_ready", cds / jar);
                    }
                    return result;
                });
    }

    /** Seconds to ready and to the first accepted command, and peak RSS, as metrics named with {@code prefix}. */
    private static void measureStart(Forks.AppProcess app, ChildResult result, String prefix) throws Exception {
        result.metric(prefix + "ready_s", app.awaitReady(Duration.ofMinutes(2)));
        result.metric(prefix + "first_command_s", app.awaitFirstCommand(Duration.ofMinutes(1)));
        result.metric(prefix + "peak_rss_mb", app.peakRssMb());
    }

    private static String label(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "m";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return String.valueOf(n);
    }
}
