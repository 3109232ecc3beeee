package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The board in a real {@link Chromium}: signing in and
 * out, the board's counts and totals against {@code GET /api/board}, paging a stage, moving cards forward and back
 * (and what the events then say), cancelling, refusals in words, what each role is offered, and a deal named with
 * markup shown as text.
 * <p>
 * Shares its context with the other tests of this configuration, so it compares with the API rather than counting.
 */
class BoardBrowserIT extends InChromium {

    private static final AtomicInteger DEALS = new AtomicInteger();

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
    void choosingAnotherPipelineOpensItsBoardWithItsStagesKeepingTheOwnerFilter() {
        JsonNode pipelines = http.get("analyst", "/api/pipelines").json().path("pipelines");
        assertThat(pipelines).extracting(each -> each.path("key").asText()).containsExactly("default", "crm");
        openBoard("?owner=rep");

        org.openqa.selenium.support.ui.Select choice = new org.openqa.selenium.support.ui.Select(
                waiting.until(ExpectedConditions.elementToBeClickable(By.id("pipeline-choice"))));
        assertThat(choice.getFirstSelectedOption().getText()).isEqualTo("Default sales pipeline");
        choice.selectByValue("crm");

        waiting.until(ExpectedConditions.textToBe(By.id("pipeline"), "CRM import"));
        assertThat(browser.getCurrentUrl()).contains("pipeline=crm", "owner=rep");
        assertThat(browser.findElements(By.cssSelector(".column"))).extracting(c -> c.getDomAttribute("data-stage"))
                .containsExactly("PROSPECTING", "ENGAGING");
    }

    @Test
    void oneOwnersBoardAndMyDealsShowTheCountsAndTotalsOfTheApisOwnerFilter() {
        String owner = freshOwner();
        dealOf(owner, "Browser filter", "QUALIFIED", 120);
        dealOf(owner, "Browser filter", "QUALIFIED", 80);
        dealOf(freshOwner(), "Browser filter, someone else", "QUALIFIED", 5000);
        awaitProjected();
        JsonNode api = http.get("manager", "/api/board?owner=" + owner).json();

        openBoard("");
        WebElement filter = browser.findElement(By.id("owner"));
        filter.sendKeys(owner, Keys.ENTER);
        waiting.until(ExpectedConditions.urlContains("owner=" + owner));
        waiting.until(driver -> driver.findElement(By.cssSelector(".column[data-stage=QUALIFIED] .count")).getText()
                .equals("2"));
        assertThat(count(api, "QUALIFIED")).isEqualTo(2);
        assertThat(browser.findElement(By.cssSelector(".column[data-stage=QUALIFIED]")).getDomAttribute("data-total"))
                .isEqualTo(stage(api, "QUALIFIED").path("totalAmount").asText());
        assertThat(browser.findElement(By.id("summary")).getText()).startsWith("2 open deals");

        browser.manage().deleteAllCookies();
        openBoard("rep", "");
        browser.findElement(By.id("mine")).click();
        waiting.until(ExpectedConditions.urlContains("owner=rep"));
        JsonNode reps = http.get("manager", "/api/board?owner=rep").json();
        waiting.until(driver -> driver.findElement(By.id("summary")).getText()
                .startsWith(reps.path("openCount").asText() + " open deals"));
        assertThat(browser.findElements(By.cssSelector(".card .owner")))
                .allSatisfy(cardOwner -> assertThat(cardOwner.getText()).isEqualTo("rep"));
    }

    @Test
    void aStageWithMoreCardsThanShownPagesThroughThemAll() {
        String owner = freshOwner();
        for (int i = 0; i < 3; i++) {
            dealOf(owner, "Browser paging", "PROSPECTING", 100 + i);
        }
        awaitProjected();
        long inStage = count(http.get("manager", "/api/board?owner=" + owner).json(), "PROSPECTING");
        assertThat(inStage).isEqualTo(3);

        openBoard("?cardsPerStage=1&owner=" + owner);
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
        String owner = freshOwner();
        String id = dealOf(owner, name, "QUALIFIED", 10);
        awaitProjected();

        openBoard("?owner=" + owner);
        WebElement card = browser.findElement(By.cssSelector(".card[data-id='" + id + "']"));
        assertThat(card.findElement(By.cssSelector(".name")).getText()).isEqualTo(name + " " + id);
        assertThat(card.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.getTitle()).doesNotContain("owned");
    }

    @Test
    void aForwardDragRecordsTheAdvanceAndTheCardStaysInItsNewStage() {
        String owner = freshOwner();
        String id = dealOf(owner, "Browser forward", "PROSPECTING", 500);
        awaitProjected();
        openBoard("?owner=" + owner);

        drag(card(id), "QUALIFIED");

        assertThat(awaitHistory(id, 2).get(1).path("type").asText()).isEqualTo("StageAdvanced");
        waiting.until(driver -> column(card(id)).equals("QUALIFIED"));
    }

    @Test
    void aBackwardDragAsksWhyAndCannotBeConfirmedWithoutReasonAndNoteThenRecordsEachChange() {
        String owner = freshOwner();
        String id = dealOf(owner, "Browser backward", "DISCOVERY", 800);
        awaitProjected();
        openBoard("?owner=" + owner);

        drag(card(id), "QUALIFIED");
        WebElement dialog = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("move-back")));
        assertThat(dialog.getText()).contains("from Discovery to Qualified");
        assertThat(new Select(dialog.findElement(By.name("outlook"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo(http.get("manager", "/api/opportunities/" + id).json().path("outlook").asText());
        assertThat(dialog.findElement(By.name("amount")).getDomProperty("value")).isEqualTo("800");
        assertThat(dialog.findElement(By.name("closeDate")).getDomProperty("value")).isEqualTo("2031-06-30");

        dialog.findElement(By.name("confirm")).click();
        assertThat(dialog.isDisplayed()).as("no reason, no note: the form refuses").isTrue();
        new Select(dialog.findElement(By.name("reason"))).selectByValue("NEW_DECISION_MAKER");
        dialog.findElement(By.name("confirm")).click();
        assertThat(dialog.isDisplayed()).as("a reason but no note").isTrue();
        assertThat(http.get("manager", "/api/opportunities/" + id + "/history").json().path("events").size())
                .as("nothing sent yet").isEqualTo(1);

        dialog.findElement(By.name("note")).sendKeys("New CFO wants to re-run discovery");
        new Select(dialog.findElement(By.name("outlook"))).selectByValue("CAUTIOUS");
        WebElement closeDate = dialog.findElement(By.name("closeDate"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2031-09-30'", closeDate);
        dialog.findElement(By.name("confirm")).click();

        List<JsonNode> events = awaitHistory(id, 4);
        assertThat(events.get(1).path("type").asText()).isEqualTo("StageReverted");
        assertThat(events.get(1).path("payload").path("reason").asText()).isEqualTo("NEW_DECISION_MAKER");
        assertThat(events.get(1).path("payload").path("note").asText()).isEqualTo("New CFO wants to re-run discovery");
        assertThat(events.get(1).path("metadata").path("actor").asText()).isEqualTo("manager");
        assertThat(events.get(2).path("type").asText()).isEqualTo("OutlookChanged");
        assertThat(events.get(3).path("type").asText()).isEqualTo("CloseDateSlipped");
        assertThat(events).hasSize(4).as("the amount was not changed, so it was not sent");
    }

    @Test
    void cancellingABackwardMovePutsTheCardBackAndSendsNothing() {
        String owner = freshOwner();
        String id = dealOf(owner, "Browser cancel", "DISCOVERY", 300);
        awaitProjected();
        openBoard("?owner=" + owner);

        drag(card(id), "PROSPECTING");
        WebElement dialog = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("move-back")));
        new Select(dialog.findElement(By.name("reason"))).selectByValue("BUDGET");
        dialog.findElement(By.name("note")).sendKeys("typed, then thought better of it");
        dialog.findElement(By.name("cancel")).click();

        waiting.until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(column(card(id))).isEqualTo("DISCOVERY");
        awaitProjected();
        assertThat(http.get("manager", "/api/opportunities/" + id + "/history").json().path("events").size())
                .isEqualTo(1);
    }

    @Test
    void aRefusedMoveReturnsTheCardAndSaysWhyInWords() {
        String owner = freshOwner();
        String id = dealOf(owner, "Browser refused", "DISCOVERY", 0);
        awaitProjected();
        String detail = http.post("manager", "/api/opportunities/" + id + "/stage", body("stage", "PROPOSAL"))
                .json().path("detail").asText();
        openBoard("?owner=" + owner);

        new Select(card(id).findElement(By.cssSelector("select.move"))).selectByValue("PROPOSAL");

        WebElement problem = waiting.until(driver -> {
            WebElement shown = card(id).findElement(By.cssSelector(".card-problem"));
            return shown.isDisplayed() ? shown : null;
        });
        assertThat(problem.getText()).isEqualTo(detail).doesNotContain("ENTRY_CRITERIA");
        assertThat(column(card(id))).isEqualTo("DISCOVERY");
    }

    @Test
    void readOnlyRolesGetNoMovesAndARepMovesOnlyItsOwnDeals() {
        String own = deal("rep", "Browser own " + DEALS.incrementAndGet(), "PROSPECTING", 10);
        String others = deal("rep2", "Browser others " + DEALS.incrementAndGet(), "PROSPECTING", 10);
        awaitProjected();

        for (String reader : List.of("analyst", "auditor")) {
            openBoard(reader, "?cardsPerStage=1000");
            assertThat(browser.findElements(By.cssSelector(".card.movable"))).as(reader).isEmpty();
            assertThat(browser.findElements(By.cssSelector(".card select.move"))).as(reader).isEmpty();
            browser.manage().deleteAllCookies();
        }
        openBoard("rep", "?cardsPerStage=1000");
        assertThat(card(own).getDomAttribute("class")).contains("movable");
        assertThat(card(own).findElements(By.cssSelector("select.move"))).hasSize(1);
        assertThat(card(others).getDomAttribute("class")).doesNotContain("movable");
        assertThat(card(others).findElements(By.cssSelector("select.move"))).isEmpty();
    }

    @Test
    void aChangeSomeoneElseMakesAppearsOnAnOpenBoardWithoutReloading() {
        String owner = freshOwner();
        String id = dealOf(owner, "Browser live", "PROSPECTING", 700);
        awaitProjected();
        openBoard("?owner=" + owner);
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("window.sameDocument = true");

        assertThat(http.post("manager", "/api/opportunities/" + id + "/stage", body("stage", "DISCOVERY")).status())
                .isEqualTo(200);
        String created = dealOf(owner, "Browser live, new", "QUALIFIED", 50);

        waiting.until(driver -> column(card(id)).equals("DISCOVERY")
                && !driver.findElements(By.cssSelector(".card[data-id='" + created + "']")).isEmpty());
        assertThat(page.executeScript("return window.sameDocument === true")).isEqualTo(true);
    }

    private WebElement card(String id) {
        return browser.findElement(By.cssSelector(".card[data-id='" + id + "']"));
    }

    private static String column(WebElement card) {
        return card.findElement(By.xpath("ancestor::section[contains(@class,'column')]")).getDomAttribute("data-stage");
    }

    /** Drags the card onto the stage's column with the mouse, as a person does. */
    private void drag(WebElement card, String stage) {
        WebElement target = browser.findElement(By.cssSelector(".column[data-stage=" + stage + "] .cards"));
        new Actions(browser)
                .moveToElement(card.findElement(By.cssSelector(".days")))
                .clickAndHold()
                .moveByOffset(5, 5)
                .moveByOffset(10, 10)
                .moveToElement(target)
                .moveByOffset(0, 5)
                .release()
                .perform();
    }

    private List<JsonNode> awaitHistory(String id, int events) {
        JsonNode history = http.awaitJson("/api/opportunities/" + id + "/history",
                reply -> reply.path("events").size() >= events);
        return StreamSupport.stream(history.path("events").spliterator(), false).toList();
    }

    private void openBoard(String query) {
        openBoard("manager", query);
    }

    private void openBoard(String user, String query) {
        open(user, "/" + query);
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
        return stage(board, stage).path("count").asLong();
    }

    private static JsonNode stage(JsonNode board, String stage) {
        for (JsonNode column : board.path("stages")) {
            if (column.path("stage").asText().equals(stage)) {
                return column;
            }
        }
        throw new AssertionError("no stage " + stage + " on " + board);
    }

    /** An owner no other test's deals have, so that its board holds only this test's cards. */
    private static String freshOwner() {
        return "board-owner-" + DEALS.incrementAndGet();
    }

    /** A deal the manager opens for {@code owner}. */
    private String dealOf(String owner, String name, String stage, Object amount) {
        String id = "browser-" + DEALS.incrementAndGet();
        LedgerHttp.Reply created = http.post("manager", "/api/opportunities", body("id", id, "name", name + " " + id,
                "account", "Account " + id, "owner", owner, "stage", stage, "amount", amount,
                "closeDate", "2031-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }
}
