package org.pipelineledger.bench.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.ClosedLoop;
import org.pipelineledger.bench.analytics.AnalyticsBenchmark;
import org.pipelineledger.bench.ledger.LedgerApp;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Issue 22: what a request costs to authenticate, T only, with the app in this JVM. One user configured as production
 * has them (bcrypt at cost 10); the same authenticated read with HTTP Basic (every request re-hashes the password)
 * and with a personal access token (a SHA-256 and a lookup by hash, ADR 0020), against the unauthenticated
 * {@code /actuator/health} (which runs its indicators: the database, the read models, the disk) and a static file
 * (the server's floor), all in one run over the same connections, so their ratios hold on a busy machine. The heap is the node's and the load's together (the load is a few client threads): its peak
 * over the three phases, what it held at the end, and the JVM's peak resident set.
 */
public final class AuthBenchmark {

    private static final String USER = "bench10";
    private static final String PASSWORD = "bench-password";
    private static final String READ = "/api/board?pipeline=default&cardsPerStage=0";
    private static final String HEALTH = "/actuator/health";
    /** The sign-in page's style sheet: open to all, no database, the whole filter chain: the server's floor. */
    private static final String STATIC = "/assets/signin.css";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthBenchmark() {
    }

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        int requests = args.integer("auth-requests");
        int basicRequests = args.integer("auth-basic-requests");
        int threads = args.integer("auth-threads");
        result.info("heap_max_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        String hash = new BCryptPasswordEncoder(10).encode(PASSWORD);
        try (LedgerApp app = LedgerApp.start(args, List.of("--ledger.security.users[0].name=" + USER,
                "--ledger.security.users[0].password={bcrypt}" + hash, "--ledger.security.users[0].roles=ANALYST"))) {
            if (args.seedsItself()) {
                app.seed(args);
                if (!app.awaitCatchUp(result)) {
                    return;
                }
            }
            String base = app.http().baseUrl();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String basic = "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> issued = client.send(HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                    .header("Authorization", basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"auth benchmark\",\"expiresInDays\":1}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (issued.statusCode() != 201) {
                result.error("issuing a token: " + issued.statusCode() + " " + issued.body());
                return;
            }
            String bearer = "Bearer " + JSON.readTree(issued.body()).path("token").asText();

            AnalyticsBenchmark.resetPeakHeap();
            measure(result, "static_", client, URI.create(base + STATIC), null, requests, threads);
            measure(result, "health_", client, URI.create(base + HEALTH), null, requests, threads);
            measure(result, "bearer_", client, URI.create(base + READ), bearer, requests, threads);
            measure(result, "basic_", client, URI.create(base + READ), basic, basicRequests, threads);
            result.metric("heap_peak_used_mb", AnalyticsBenchmark.peakHeapMb());
            result.metric("heap_used_mb",
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0));
            result.metric("peak_rss_mb", peakRssMb());

            ratio(result, "bearer_vs_health_rps", "bearer_rps", "health_rps");
            ratio(result, "basic_vs_health_rps", "basic_rps", "health_rps");
            ratio(result, "bearer_vs_basic_rps", "bearer_rps", "basic_rps");
            ratio(result, "bearer_vs_static_rps", "bearer_rps", "static_rps");
        }
    }

    /** {@code requests} GETs over {@code threads} connections after a tenth as many warm-ups: rate and latency. */
    private static void measure(ChildResult result, String prefix, HttpClient client, URI uri, String authorization,
                                int requests, int threads) throws Exception {
        ClosedLoop.measure(result, prefix, client, uri, authorization, Math.max(threads, requests / 10), requests, threads);
    }

    private static void ratio(ChildResult result, String name, String numerator, String denominator) {
        Double top = result.metrics().get(numerator);
        Double bottom = result.metrics().get(denominator);
        if (top != null && bottom != null && bottom > 0) {
            result.metric(name, top / bottom);
        }
    }

    /** This JVM's peak resident set (VmHWM) in MiB, or -1 where /proc is not there. */
    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
