package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The deal page in a real {@link Chromium}: the timeline with who, what and why, days in stage and close-date changes;
 * an action recorded and shown; a refused action with the API's own messages; a change made elsewhere shown without
 * a reload; read-only roles offered no action; a note with markup shown as text.
 */
class DealPageBrowserIT extends InChromium {

    private static final AtomicInteger DEALS = new AtomicInteger();

    @Test
    void theTimelineShowsEveryEventInOrderWithWhoAndWhyAndTheCloseDateChanges() {
        String id = deal("rep");
        post("rep", id, "/stage", body("stage", "DISCOVERY"));
        post("manager", id, "/stage", body("stage", "QUALIFIED", "reason", "BUDGET", "note", "Budget frozen until Q3"));
        post("rep", id, "/close-date", body("closeDate", "2031-08-31", "reason", "Waiting for the budget"));

        openDeal("manager", id);

        List<WebElement> events = waiting.until(driver -> {
            List<WebElement> shown = driver.findElements(By.cssSelector("#timeline .event"));
            return shown.size() == 4 ? shown : null;
        });
        assertThat(events).extracting(event -> event.getDomAttribute("data-type"))
                .containsExactly("OpportunityCreated", "StageAdvanced", "StageReverted", "CloseDateSlipped");
        WebElement reverted = events.get(2);
        assertThat(reverted.getText()).contains("by manager", "Discovery → Qualified", "reason: BUDGET",
                "note: Budget frozen until Q3");
        assertThat(browser.findElement(By.id("slips")).getText())
                .contains("2031-06-30", "2031-08-31", "62", "Waiting for the budget");
        assertThat(browser.findElement(By.id("days")).getText()).contains("Prospecting", "Discovery", "Qualified");
    }

    @Test
    void anActionIsRecordedAndAppearsInTheTimeline() {
        String id = deal("rep");
        openDeal("rep", id);

        WebElement form = form("notes");
        form.findElement(By.name("text")).sendKeys("Called the CFO <b>twice</b>");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement note = waiting.until(driver -> driver.findElements(By.cssSelector("#timeline .event")).stream()
                .filter(event -> "NoteAdded".equals(event.getDomAttribute("data-type"))).findFirst().orElse(null));
        assertThat(note.getText()).contains("text: Called the CFO <b>twice</b>", "by rep");
        assertThat(note.findElements(By.tagName("b"))).isEmpty();
        assertThat(http.get("rep", "/api/opportunities/" + id + "/history").json().path("events").get(1)
                .path("type").asText()).isEqualTo("NoteAdded");
    }

    @Test
    void aRefusedActionShowsTheApisMessagesAndRecordsNothing() {
        String id = deal("rep");
        String detail = http.post("rep", "/api/opportunities/" + id + "/next-step", body("description", "Demo"))
                .json().path("detail").asText();
        openDeal("rep", id);

        WebElement form = form("next-step");
        form.findElement(By.name("description")).sendKeys("Demo");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement problem = waiting.until(driver -> {
            WebElement shown = form("next-step").findElement(By.cssSelector(".problem"));
            return shown.isDisplayed() ? shown : null;
        });
        assertThat(problem.getText()).isEqualTo(detail);
        assertThat(form("next-step").findElement(By.cssSelector(".field-error[data-field=dueDate]")).getText())
                .isNotBlank();
        assertThat(http.get("rep", "/api/opportunities/" + id + "/history").json().path("events").size()).isEqualTo(1);
    }

    @Test
    void aChangeSomeoneElseMakesAppearsOnAnOpenDealPageWithoutReloading() {
        String id = deal("rep");
        openDeal("manager", id);
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("window.sameDocument = true");

        post("rep", id, "/notes", body("text", "Added elsewhere"));

        waiting.until(driver -> driver.findElements(By.cssSelector("#timeline .event[data-type=NoteAdded]")).size() == 1);
        assertThat(page.executeScript("return window.sameDocument === true")).isEqualTo(true);
    }

    @Test
    void readOnlyRolesAndOtherRepsAreOfferedNoAction() {
        String id = deal("rep");
        for (String user : List.of("analyst", "auditor", "rep2")) {
            openDeal(user, id);
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "rep"));
            assertThat(browser.findElement(By.id("actions")).isDisplayed()).as(user).isFalse();
            browser.manage().deleteAllCookies();
        }
        openDeal("rep", id);
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("actions")));
        assertThat(browser.findElements(By.cssSelector("form.action")))
                .extracting(form -> form.getDomAttribute("data-action"))
                .containsExactly("notes", "next-step", "outlook", "amount", "close-date", "won", "lost");
    }

    @Test
    void theSummaryAndTheCreationShowTheDealsProfile() {
        String id = "page-" + DEALS.incrementAndGet();
        LedgerHttp.Reply created = http.post("admin", "/api/opportunities", body("id", id, "name", "Deal page " + id,
                "account", "Isdom", "owner", "rep", "amount", 4514, "closeDate", "2031-06-30",
                "profile", java.util.Map.of("product", "GTX Pro", "team", "Dustin Brinkmann", "accountEmployees", 2822)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean());

        openDeal("manager", id);

        WebElement summary = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("summary")));
        waiting.until(ExpectedConditions.textToBePresentInElement(summary, "GTX Pro"));
        assertThat(summary.getText()).contains("Product", "Team", "Dustin Brinkmann", "Account employees", "2822")
                .doesNotContain("Region");
        WebElement creation = waiting.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#timeline .event[data-type=OpportunityCreated]")));
        assertThat(creation.getText()).contains("profile: product GTX Pro", "team Dustin Brinkmann")
                .doesNotContain("[object Object]");
    }

    private WebElement form(String action) {
        return waiting.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form.action[data-action='" + action + "']")));
    }

    private void openDeal(String user, String id) {
        open(user, "/deal.html?id=" + id);
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("name"), "Deal page"));
    }

    private String deal(String owner) {
        String id = "page-" + DEALS.incrementAndGet();
        LedgerHttp.Reply created = http.post(owner, "/api/opportunities", body("id", id, "name", "Deal page " + id,
                "account", "Account " + id, "amount", 1000, "closeDate", "2031-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean());
        return id;
    }

    private void post(String user, String id, String action, String json) {
        LedgerHttp.Reply reply = http.post(user, "/api/opportunities/" + id + action, json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}
