package org.pipelineledger.app.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Not a test: writes the README's screenshots of each page on the demo data, when asked for with
 * {@code ./mvnw -pl app -am verify -Dit.test=ScreenshotsIT -Dsurefire.failIfNoSpecifiedTests=false
 * -Dledger.screenshots=$PWD/docs/screenshots}.
 */
@EnabledIfSystemProperty(named = "ledger.screenshots", matches = ".+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.demo=true", "spring.datasource.url=jdbc:h2:mem:screenshots;DB_CLOSE_DELAY=-1"})
@ActiveProfiles({"embedded", "test"})
class ScreenshotsIT {

    @LocalServerPort
    int port;

    @Test
    void everyPageOnTheDemoData() throws IOException {
        Path directory = Path.of(System.getProperty("ledger.screenshots"));
        Files.createDirectories(directory);
        LedgerHttp http = new LedgerHttp(port);
        http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean()
                && status.path("head").asLong() > 1_000);
        JsonNode reversions = http.get("manager", "/api/reports/reversions").json();
        String movedBack = reversions.path("reversions").get(0).path("id").asText();

        WebDriver browser = Chromium.start();
        try {
            WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(url("/"));
            waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            save(browser, directory.resolve("sign-in.png"));

            browser.findElement(By.id("username")).sendKeys("manager");
            browser.findElement(By.id("password")).sendKeys("demo");
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".card")));
            save(browser, directory.resolve("board.png"));

            // the move-back dialog, opened from a card's menu and left unconfirmed
            WebElement card = browser.findElement(By.cssSelector(".column[data-stage=DISCOVERY] .card.movable"));
            new Select(card.findElement(By.cssSelector("select.move"))).selectByValue("PROSPECTING");
            waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("move-back")));
            save(browser, directory.resolve("move-back.png"));

            browser.get(url("/deal.html?id=" + movedBack));
            waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline .event")));
            save(browser, directory.resolve("deal.png"));

            browser.get(url("/manager.html?from=2000-01-01&to=2099-12-31"));
            waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#by-reason .bar")));
            save(browser, directory.resolve("manager.png"));
        } finally {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void save(WebDriver browser, Path file) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
