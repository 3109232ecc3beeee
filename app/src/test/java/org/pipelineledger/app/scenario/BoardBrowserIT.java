package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The board in a real Chromium (Debian's, through its chromedriver; {@code .ci/run} installs both): signing in and
 * out, the board's counts and totals against {@code GET /api/board}, paging a stage, and a deal named with markup
 * shown as text. Without a Chromium the tests are skipped, unless {@code LEDGER_BROWSER_TESTS=required} (CI).
 * <p>
 * Shares its context with the other tests of this configuration, so it compares with the API rather than counting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class BoardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final AtomicInteger DEALS = new AtomicInteger();

    private static WebDriver browser;

    @LocalServerPort
    int port;

    private LedgerHttp http;
    private WebDriverWait waiting;

    @BeforeAll
    static void startBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "required".equals(System.getenv("LEDGER_BROWSER_TESTS"))) {
            throw new IllegalStateException("browser tests are required but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "no Chromium here: apt-get install chromium chromium-driver to run these");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        http = new LedgerHttp(port);
        waiting = new WebDriverWait(browser, PATIENCE);
        browser.manage().deleteAllCookies();
    }

    @Test
    void aPageVisitedSignedOutAsksToSignInThenShowsTheBoardUntilSigningOut() {
        browser.get(url("/"));
        waiting.until(ExpectedConditions.urlToBe(url("/login")));

        signIn("manager", "not-demo");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                "The user name or password is not valid."));

        signIn("manager", "demo");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), "manager (MANAGER)"));
        assertThat(browser.findElements(By.cssSelector(".column"))).isNotEmpty();
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");

        browser.findElement(By.cssSelector("#sign-out button")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "You are signed out."));
        browser.get(url("/"));
        waiting.until(ExpectedConditions.urlToBe(url("/login")));
    }

    @Test
    void everyColumnShowsTheCountAndTotalOfTheApiInPipelineOrder() {
        deal("rep", "Browser totals " + DEALS.incrementAndGet(), "QUALIFIED", 1250.50);
        deal("rep2", "Browser totals " + DEALS.incrementAndGet(), "DISCOVERY", 990);
        JsonNode api = awaitProjected();

        openBoard("");
        List<WebElement> columns = browser.findElements(By.cssSelector(".column"));
        assertThat(columns).hasSize(api.path("stages").size());
        for (int i = 0; i < columns.size(); i++) {
            JsonNode stage = api.path("stages").get(i);
            WebElement column = columns.get(i);
            assertThat(column.getDomAttribute("data-stage")).isEqualTo(stage.path("stage").asText());
            assertThat(column.findElement(By.cssSelector(".stage")).getText())
                    .isEqualTo(stage.path("displayName").asText());
            assertThat(column.findElement(By.cssSelector(".count")).getText()).isEqualTo(stage.path("count").asText());
            assertThat(column.getDomAttribute("data-total")).isEqualTo(stage.path("totalAmount").asText());
        }
        assertThat(browser.findElement(By.id("summary")).getText())
                .startsWith(api.path("openCount").asText() + " open deals");
    }

    @Test
    void aStageWithMoreCardsThanShownPagesThroughThemAll() {
        deal("rep", "Browser paging " + DEALS.incrementAndGet(), "PROSPECTING", 100);
        deal("rep", "Browser paging " + DEALS.incrementAndGet(), "PROSPECTING", 200);
        JsonNode api = awaitProjected();
        long inStage = count(api, "PROSPECTING");

        openBoard("?cardsPerStage=1");
        WebElement column = browser.findElement(By.cssSelector(".column[data-stage=PROSPECTING]"));
        assertThat(column.findElements(By.cssSelector(".card"))).hasSize(1);
        WebElement more = column.findElement(By.cssSelector(".more"));
        for (int shown = 1; shown < inStage; shown++) {
            int expected = shown + 1;
            more.click();
            waiting.until(driver -> column.findElements(By.cssSelector(".card")).size() == expected);
        }
        assertThat(more.isDisplayed()).isFalse();
    }

    @Test
    void aDealNamedWithMarkupIsShownAsText() {
        String name = "<img src=x onerror=\"document.title='owned'\"> " + DEALS.incrementAndGet();
        String id = deal("rep", name, "QUALIFIED", 10);
        awaitProjected();

        openBoard("?cardsPerStage=1000"); // the shared context's other deals may come before it
        WebElement card = browser.findElement(By.cssSelector(".card[data-id='" + id + "']"));
        assertThat(card.findElement(By.cssSelector(".name")).getText()).isEqualTo(name);
        assertThat(card.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.getTitle()).doesNotContain("owned");
    }

    private void signIn(String user, String password) {
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    private void openBoard(String query) {
        browser.get(url("/login"));
        signIn("manager", "demo");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), "manager"));
        if (!query.isEmpty()) {
            browser.get(url("/" + query));
        }
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".column")));
    }

    private String deal(String owner, String name, String stage, Object amount) {
        String id = "browser-" + DEALS.incrementAndGet();
        LedgerHttp.Reply created = http.post(owner, "/api/opportunities", body("id", id, "name", name,
                "account", "Account " + id, "stage", stage, "amount", amount, "closeDate", "2031-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    /** The board once every event so far is projected, as the API answers it. */
    private JsonNode awaitProjected() {
        http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean());
        return http.get("manager", "/api/board").json();
    }

    private static long count(JsonNode board, String stage) {
        for (JsonNode column : board.path("stages")) {
            if (column.path("stage").asText().equals(stage)) {
                return column.path("count").asLong();
            }
        }
        throw new AssertionError("no stage " + stage + " on " + board);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
