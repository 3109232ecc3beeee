package org.pipelineledger.bench.browser;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.ClosedLoop;
import org.pipelineledger.bench.Latency;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.ledger.LedgerApp;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The web application (issue 19), T only, on a ledger with {@code --deals} open deals: the time from navigation to a
 * usable board in Chromium (the board's own {@code pipeline-ledger:board-shown} mark, and the first contentful
 * paint), the delay from a command's answer to the change on an open board (live updates), and authenticated
 * requests per second for a user whose password is bcrypt at cost 10, with HTTP Basic (every request re-hashes)
 * against a session cookie (signed in once).
 */
public final class BrowserBenchmark {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String USER = "bench10";
    private static final String PASSWORD = "bench-password";
    private static final String AUTH_PATH = "/api/board?pipeline=default&cardsPerStage=0";

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            // as the app's browser tests: skipped on a machine without it, an error where it is required (CI)
            String missing = "no Chromium: apt-get install chromium chromium-driver";
            if ("required".equals(System.getenv("LEDGER_BROWSER_TESTS"))) {
                result.error(missing);
            } else {
                result.info("skipped", missing);
            }
            return;
        }
        int navigations = args.integer("navigations");
        int changes = args.integer("live-changes");
        int requests = args.integer("auth-requests");
        int threads = args.integer("auth-threads");
        // a configured user as production has them: bcrypt at its default cost, 10
        String hash = new BCryptPasswordEncoder(10).encode(PASSWORD);
        try (LedgerApp app = LedgerApp.start(args, List.of("--ledger.security.users[0].name=" + USER,
                "--ledger.security.users[0].password={bcrypt}" + hash, "--ledger.security.users[0].roles=MANAGER"))) {
            if (args.seedsItself()) {
                app.seed(args);
                if (!app.awaitCatchUp(result)) {
                    return;
                }
            }
            // one client for the run: each app.http() is a new one
            LedgerHttp http = app.http();
            String base = http.baseUrl();
            result.info("open_deals_on_board", http.openDealsOnBoard());
            WebDriver browser = chromium();
            try {
                signIn(browser, base);
                pageUsable(result, browser, base, navigations);
                liveDelay(result, browser, http, changes);
            } finally {
                browser.quit();
            }
            authenticated(result, base, requests, threads);
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
                options);
    }

    private static void signIn(WebDriver browser, String base) {
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(USER);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> !driver.findElements(By.cssSelector(".column")).isEmpty());
    }

    /** Navigations to the board, two warm-ups first: the board's mark and the first contentful paint of each. */
    private static void pageUsable(ChildResult result, WebDriver browser, String base, int navigations) {
        Histogram usable = Latency.histogram();
        Histogram paint = Latency.histogram();
        JavascriptExecutor page = (JavascriptExecutor) browser;
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(60));
        for (int i = -2; i < navigations; i++) {
            browser.get(base + "/");
            Number shown = waiting.until(driver -> (Number) page.executeScript(
                    "const m = performance.getEntriesByName('pipeline-ledger:board-shown'); "
                            + "return m.length ? m[0].startTime : null"));
            Number contentful = (Number) page.executeScript(
                    "const p = performance.getEntriesByName('first-contentful-paint'); return p.length ? p[0].startTime : 0");
            if (i >= 0) {
                Latency.record(usable, (long) (shown.doubleValue() * 1e6));
                Latency.record(paint, (long) (contentful.doubleValue() * 1e6));
            }
        }
        Latency.report(result, "board_usable_", usable);
        Latency.report(result, "first_paint_", paint);
        result.info("cards_shown", browser.findElements(By.cssSelector(".card")).size());
    }

    /**
     * A deal of an owner of its own on an open board filtered to that owner; each change of its amount through the
     * API, timed from the answer to when the page shows the new amount (a MutationObserver notes the time).
     */
    private static void liveDelay(ChildResult result, WebDriver browser, LedgerHttp http, int changes)
            throws Exception {
        String id = "bench-live-" + System.nanoTime();
        HttpResponse<String> created = http.post("/api/opportunities", "{\"id\":\"" + id + "\",\"name\":\"Live\","
                + "\"account\":\"Bench\",\"owner\":\"bench-live\",\"amount\":1000,\"closeDate\":\"2031-06-30\"}");
        if (created.statusCode() != 201) {
            result.error("creating the live deal: " + created.statusCode() + " " + created.body());
            return;
        }
        browser.get(http.baseUrl() + "/?owner=bench-live");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(30));
        waiting.until(driver -> !driver.findElements(By.cssSelector(".card[data-id='" + id + "']")).isEmpty());
        page.executeScript("""
                window.benchShown = [];
                let last = null;
                new MutationObserver(() => {
                  const amount = document.querySelector(`.card[data-id="${arguments[0]}"] .amount`);
                  if (amount && amount.textContent !== last) {
                    last = amount.textContent;
                    window.benchShown.push(Date.now());
                  }
                }).observe(document.getElementById('board'), { subtree: true, childList: true, characterData: true });
                """, id);
        Histogram delay = Latency.histogram();
        for (int i = 1; i <= changes; i++) {
            HttpResponse<String> changed = http.post("/api/opportunities/" + id + "/amount",
                    "{\"amount\":" + (1000 + i) + "}");
            long answered = System.currentTimeMillis();
            if (changed.statusCode() != 200) {
                result.error("changing the amount: " + changed.statusCode() + " " + changed.body());
                return;
            }
            int seen = i;
            Number shownAt = waiting.until(driver -> {
                List<?> shown = (List<?>) page.executeScript("return window.benchShown");
                return shown.size() >= seen ? (Number) shown.get(seen - 1) : null;
            });
            Latency.record(delay, (shownAt.longValue() - answered) * 1_000_000);
        }
        Latency.report(result, "live_", delay);
    }

    /** The same read, {@code requests} times over {@code threads} connections, with Basic and then with a session. */
    private static void authenticated(ChildResult result, String base, int requests, int threads) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        measure(result, "basic_", plain, URI.create(base + AUTH_PATH), basic, requests, threads);

        HttpClient session = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).build();
        String form = session.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        if (!token.find()) {
            result.error("no CSRF token on the sign-in form");
            return;
        }
        String body = "username=" + USER + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = session.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            result.error("signing in: " + signedIn.statusCode() + " " + signedIn.headers().map());
            return;
        }
        measure(result, "session_", session, URI.create(base + AUTH_PATH), null, requests, threads);
        Double basicRps = result.metrics().get("basic_rps");
        Double sessionRps = result.metrics().get("session_rps");
        if (basicRps != null && sessionRps != null) {
            result.metric("session_vs_basic_rps", sessionRps / basicRps);
        }
    }

    /** {@code requests} GETs over {@code threads} connections after a tenth as many warm-ups: rate and latency. */
    private static void measure(ChildResult result, String prefix, HttpClient client, URI uri, String authorization,
                                int requests, int threads) throws Exception {
        ClosedLoop.measure(result, prefix, client, uri, authorization, Math.max(10, requests / 10), requests, threads);
    }
}
