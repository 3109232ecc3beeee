package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The API's description in a real browser at {@code /swagger-ui}, signed out: Swagger UI's scripts and styles come
 * from the application under its content security policy, read {@code /v3/api-docs} and draw every operation.
 */
class SwaggerUiBrowserIT extends InChromium {

    @Test
    void swaggerUiDrawsTheLedgersOperationsWithoutSigningIn() {
        browser.get(url("/swagger-ui"));

        waiting.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".opblock"), 20));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/swagger-ui/index.html"));
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).startsWith("Pipeline Ledger API");
        assertThat(browser.findElements(By.cssSelector(".opblock-summary-path")))
                .anySatisfy(path -> assertThat(path.getText()).isEqualTo("/api/opportunities/{id}/stage"));
        // the description's own styles apply: a GET is drawn as Swagger UI draws one
        assertThat(browser.findElement(By.cssSelector(".opblock-get .opblock-summary-method")).getCssValue(
                "background-color")).isNotEqualTo("rgba(0, 0, 0, 0)");
    }
}
