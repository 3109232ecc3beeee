package org.pipelineledger.app.scenario;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What the browser tests share: the app on a random port (one context with the other tests of this configuration),
 * one {@link Chromium} per class, signed out before each test, and signing in with the form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
abstract class InChromium {

    static WebDriver browser;

    @LocalServerPort
    int port;

    LedgerHttp http;
    WebDriverWait waiting;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @BeforeEach
    void signedOut() {
        http = new LedgerHttp(port);
        waiting = new WebDriverWait(browser, Duration.ofSeconds(15));
        // a live update may redraw the page while a condition looks at it
        waiting.ignoring(StaleElementReferenceException.class);
        browser.manage().deleteAllCookies();
    }

    /** Fills in and sends the sign-in form on the page the browser is on. */
    void signIn(String user, String password) {
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    /** Signs in as {@code user} (password {@code demo}) and opens {@code path}, once it shows who is signed in. */
    void open(String user, String path) {
        browser.get(url("/login"));
        signIn(user, "demo");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), user));
        if (!path.equals("/")) {
            browser.get(url(path));
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), user));
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }
}
