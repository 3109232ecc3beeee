package org.pipelineledger.bench.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.ledger.LedgerApp;
import org.pipelineledger.bench.queries.LedgerQueriesBenchmark;

/**
 * Issue 20's figures: the CRM sample imported over HTTP ({@code POST /api/imports}) until its import reports DONE and
 * until every read model has projected it, with the heap it ran in; and the metrics endpoints answered from the read
 * models of a seeded ledger (p50/p99 per {@code groupBy} and per flow report).
 */
public final class AnalyticsBenchmark {

    /** The export's files, as {@code POST /api/imports} takes them: part name to file name. */
    private static final Map<String, String> PARTS = Map.of("pipeline", "sales_pipeline.csv",
            "teams", "sales_teams.csv", "accounts", "accounts.csv", "products", "products.csv");
    private static final List<String> GROUPINGS = List.of("", "owner", "team", "region", "product", "account", "month");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalyticsBenchmark() {
    }

    /**
     * Body {@code import}: the dataset (its first {@code --import-rows} rows when above 0, repeated {@code
     * --import-copies} times under other ids, to show what a larger file costs) into an empty ledger.
     */
    public static void importDataset(BenchArgs args, ChildResult result) throws Exception {
        Path dataset = Path.of(args.required("dataset"));
        int rows = args.integer("import-rows");
        int copies = args.integer("import-copies");
        result.info("heap_max_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        try (LedgerApp app = LedgerApp.start(args)) {
            LedgerHttp http = app.http();
            String boundary = "bench-" + System.nanoTime();
            byte[] body = multipart(dataset, rows, copies, boundary);
            result.info("upload_bytes", body.length);
            resetPeakHeap();
            long start = System.nanoTime();
            JsonNode done = http.awaitJob(http.send(http.postRequest("/api/imports?pipeline=crm",
                    "multipart/form-data; boundary=" + boundary, body), HttpResponse.BodyHandlers.ofString()),
                    Duration.ofMillis(200));
            double importSeconds = (System.nanoTime() - start) / 1e9;
            if (!"DONE".equals(done.path("status").asText())) {
                result.error("the import did not finish DONE: " + done);
                return;
            }
            long total = done.path("rows").asLong();
            long imported = done.path("imported").asLong();
            long rejected = done.path("rejected").asLong();
            if (imported + rejected != total) {
                result.error("imported " + imported + " + rejected " + rejected + " != rows " + total);
            }
            result.metric("import_rows_per_s", total / importSeconds);
            result.metric("import_s", importSeconds);
            if (!app.awaitCatchUp(result)) {
                return;
            }
            result.metric("import_until_projected_s", (System.nanoTime() - start) / 1e9);
            result.metric("heap_peak_used_mb", peakHeapMb());
            result.info("rows", total);
            result.info("imported", imported);
            result.info("rejected", rejected);
            result.info("warnings", done.path("warnings").asLong());
            result.info("events", app.eventCount());
        }
    }

    /** Body {@code metrics}: every grouping of {@code /api/metrics} and the flow reports on a seeded ledger. */
    public static void metrics(BenchArgs args, ChildResult result) throws Exception {
        int requests = args.integer("requests");
        int warmup = args.integer("warmup");
        Duration cap = Duration.ofSeconds(args.longValue("query-seconds"));
        try (LedgerApp app = LedgerApp.start(args)) {
            if (args.seedsItself()) {
                app.seed(args);
                if (!app.awaitCatchUp(result)) {
                    return;
                }
            }
            LedgerHttp http = app.http();
            JsonNode total = JSON.readTree(http.get("/api/metrics?pipeline=default").body());
            result.info("open_deals", total.path("rows").path(0).path("openCount").asLong());
            for (String grouping : GROUPINGS) {
                String path = "/api/metrics?pipeline=default" + (grouping.isEmpty() ? "" : "&groupBy=" + grouping);
                LedgerQueriesBenchmark.measure(result, http, "metrics_" + (grouping.isEmpty() ? "total" : grouping)
                        + "_", warmup, requests, cap, () -> http.getRequest(path));
            }
            String window = "pipeline=default&from=2026-11-01&to=2027-01-31";
            LedgerQueriesBenchmark.measure(result, http, "conversion_", warmup, requests, cap,
                    () -> http.getRequest("/api/metrics/conversion?" + window));
            LedgerQueriesBenchmark.measure(result, http, "waterfall_", warmup, requests, cap,
                    () -> http.getRequest("/api/metrics/waterfall?" + window));
            LedgerQueriesBenchmark.measure(result, http, "coverage_", warmup, requests, cap,
                    () -> http.getRequest("/api/metrics/coverage?pipeline=default&period=2027-Q1"));
        }
    }

    /**
     * The export's four files as one multipart body; the pipeline file cut after {@code rows} data rows if above 0,
     * its rows then repeated {@code copies} times, each copy's ids suffixed {@code -c2}, {@code -c3}, ...
     */
    static byte[] multipart(Path dataset, int rows, int copies, String boundary) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> part : PARTS.entrySet()) {
            byte[] content = Files.readAllBytes(dataset.resolve(part.getValue()));
            if (part.getKey().equals("pipeline")) {
                List<String> lines = Files.readAllLines(dataset.resolve(part.getValue()));
                List<String> data = lines.subList(1, rows > 0 ? Math.min(lines.size(), rows + 1) : lines.size());
                StringBuilder file = new StringBuilder(lines.get(0)).append('\n');
                for (int copy = 1; copy <= Math.max(1, copies); copy++) {
                    String suffix = copy == 1 ? "" : "-c" + copy;
                    // the id is the first column
                    data.forEach(line -> file.append(line.replaceFirst(",", suffix + ",")).append('\n'));
                }
                content = file.toString().getBytes(StandardCharsets.UTF_8);
            }
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                    + "\"; filename=\"" + part.getValue() + "\"\r\nContent-Type: text/csv\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** A collection, then every heap pool's peak forgotten: what follows is measured from here. */
    public static void resetPeakHeap() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap in use at once. */
    public static double peakHeapMb() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
    }
}
