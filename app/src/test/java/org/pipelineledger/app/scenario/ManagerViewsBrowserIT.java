package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The manager views in a real {@link Chromium}: a late-stage deal moved back twice needs attention and keeps moving
 * back, a small early one does neither; the counts by reason and the days-in-stage rows are the API's; an overdue
 * deal is listed with why.
 */
class ManagerViewsBrowserIT extends InChromium {

    private static final AtomicInteger DEALS = new AtomicInteger();

    @Test
    void aLateStageDealMovedBackTwiceNeedsAttentionAndTheFiguresAreTheApis() {
        String late = deal("NEGOTIATION", 10, "2031-06-30");
        back(late, "NEGOTIATION", "PROPOSAL", "BUDGET", "Budget frozen");
        forward(late, "NEGOTIATION");
        back(late, "NEGOTIATION", "DISCOVERY", "NEW_DECISION_MAKER", "New CFO <script>alert(1)</script>");
        String early = deal("QUALIFIED", 1, "2031-06-30");
        back(early, "QUALIFIED", "PROSPECTING", "CHANGING_NEEDS", "Scope changed");
        String overdue = deal("PROSPECTING", 1, "2020-01-31");
        http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean());
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String to = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        JsonNode reversions = http.get("manager", "/api/reports/reversions?from=" + from + "&to=" + to).json();
        JsonNode days = http.get("manager", "/api/reports/days-in-stage").json();

        open("manager", "/manager.html?from=" + from + "&to=" + to);

        WebElement attention = waiting.until(driver -> driver.findElements(By.cssSelector("#attention li.attention"))
                .stream().filter(item -> late.equals(item.getDomAttribute("data-id"))).findFirst().orElse(null));
        assertThat(attention.getText()).contains("New CFO <script>alert(1)</script>", "by manager");
        assertThat(browser.findElements(By.cssSelector("#attention li[data-id='" + early + "']"))).isEmpty();
        WebElement repeat = browser.findElement(By.cssSelector("#repeat li[data-id='" + late + "']"));
        assertThat(repeat.getText()).contains("moved back 2 times");
        assertThat(browser.findElements(By.cssSelector("#repeat li[data-id='" + early + "']"))).isEmpty();

        assertThat(browser.findElement(By.id("reversion-total")).getText()).isEqualTo(reversions.path("total").asText());
        assertThat(bar("by-reason", "Budget")).isEqualTo(reversions.path("byReason").path("BUDGET").asText());
        assertThat(bar("by-reason", "New decision-maker"))
                .isEqualTo(reversions.path("byReason").path("NEW_DECISION_MAKER").asText());
        List<WebElement> dayRows = browser.findElements(By.cssSelector("#days tbody tr"));
        assertThat(dayRows).hasSize(days.path("stages").size());
        for (JsonNode stage : days.path("stages")) {
            if (stage.hasNonNull("averageDays")) {
                String name = stage.path("displayName").asText();
                for (String statistic : List.of("average", "median", "p90")) {
                    assertThat(Double.parseDouble(bar("days-chart", name + " " + statistic)))
                            .isEqualTo(stage.path(statistic + "Days").asDouble());
                }
            }
        }

        WebElement overdueRow = waiting.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#stale tr[data-id='" + overdue + "']")));
        assertThat(overdueRow.getText()).contains("close date passed", "2020-01-31");
    }

    private String bar(String chart, String label) {
        return browser.findElement(By.cssSelector("#" + chart + " .bar[data-label='" + label + "']"))
                .getDomAttribute("data-value");
    }

    private String deal(String stage, int amount, String closeDate) {
        String id = "manager-view-" + DEALS.incrementAndGet();
        LedgerHttp.Reply created = http.post("manager", "/api/opportunities", body("id", id, "name", "Managed " + id,
                "account", "Account " + id, "owner", "rep", "stage", stage, "amount", amount, "closeDate", closeDate));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    private void back(String id, String from, String to, String reason, String note) {
        LedgerHttp.Reply moved = http.post("manager", "/api/opportunities/" + id + "/stage",
                body("stage", to, "reason", reason, "note", note));
        assertThat(moved.status()).as(from + " → " + to + ": " + moved.body()).isEqualTo(200);
    }

    private void forward(String id, String to) {
        assertThat(http.post("manager", "/api/opportunities/" + id + "/stage", body("stage", to)).status())
                .isEqualTo(200);
    }
}
