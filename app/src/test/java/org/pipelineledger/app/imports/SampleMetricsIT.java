package org.pipelineledger.app.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pipelineledger.app.imports.ImportHttp.Reply;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 20's cross-check: the CRM sample imported over HTTP, then every headline figure of {@code GET /api/metrics}
 * (all time and for the first half of 2017, total and by owner, team, region, product, account and month) equal to
 * what {@link SampleFigures} computes from the CSV files in plain Java, without any ledger code. The figures of the
 * total row are the ones docs/metrics.md shows for the sample. Its own context (the property), so that no other test's
 * deal is in its {@code crm} pipeline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.import.workers=2")
@ActiveProfiles({"embedded", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleMetricsIT {

    private static final LocalDate FROM = LocalDate.parse("2017-01-01");
    private static final LocalDate TO = LocalDate.parse("2017-06-30");
    /** Rates and averages are answered to four decimals, half up. */
    private static final Offset<Double> FOUR_DECIMALS = Offset.offset(0.00005 + 1e-9);

    @LocalServerPort
    int port;

    private ImportHttp http;
    private SampleFigures figures;

    @BeforeAll
    void importTheSampleAndWaitForTheReadModels() throws IOException {
        http = new ImportHttp(port);
        figures = new SampleFigures();
        Map<String, byte[]> export = ImportHttp.parts(
                "pipeline", Files.readAllBytes(SampleFigures.DATASET.resolve("sales_pipeline.csv")),
                "teams", Files.readAllBytes(SampleFigures.DATASET.resolve("sales_teams.csv")),
                "accounts", Files.readAllBytes(SampleFigures.DATASET.resolve("accounts.csv")),
                "products", Files.readAllBytes(SampleFigures.DATASET.resolve("products.csv")));
        Reply started = http.upload("admin", "/api/imports?pipeline=crm", export);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode job = await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get("admin", started.location(), "application/json").json(),
                        answer -> !"RUNNING".equals(answer.path("status").asText()));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("DONE");
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("analyst", "/api/read-models/status", "application/json").json()
                        .path("upToDate").asBoolean());
    }

    @Test
    void theTotalIsThePublishedWinRateAndTheFiguresComputedFromTheFiles() {
        Map<String, JsonNode> answered = rows("/api/metrics?pipeline=crm");
        assertThat(answered).containsOnlyKeys("total");
        JsonNode total = answered.get("total");
        // the dataset's README: Won / (Won + Lost) = 63.15 %
        assertThat(total.path("winRate").asDouble()).isCloseTo(0.6315, Offset.offset(0.00005));
        assertSameRow("total", total, figures.allTime(deal -> "total").get("total"));
    }

    @Test
    void everyGroupingOfAllTimeIsWhatTheFilesSay() {
        Map<String, Function<SampleFigures.Deal, String>> groupings = Map.of(
                "owner", SampleFigures.Deal::owner, "team", SampleFigures.Deal::team,
                "region", SampleFigures.Deal::region, "product", SampleFigures.Deal::product,
                "account", SampleFigures.Deal::account);
        groupings.forEach((groupBy, key) -> compare(groupBy, rows("/api/metrics?pipeline=crm&groupBy=" + groupBy),
                figures.allTime(key)));
    }

    @Test
    void aPeriodCountsItsClosesAndTheDealsOpenAtItsEndInTotalByTeamAndByMonth() {
        String period = "&from=" + FROM + "&to=" + TO;
        compare("total", rows("/api/metrics?pipeline=crm" + period), figures.rows(deal -> "total", FROM, TO));
        compare("team", rows("/api/metrics?pipeline=crm&groupBy=team" + period),
                figures.rows(SampleFigures.Deal::team, FROM, TO));
        compare("month", rows("/api/metrics?pipeline=crm&groupBy=month" + period), figures.byMonth(FROM, TO));
    }

    private Map<String, JsonNode> rows(String path) {
        Reply reply = http.get("analyst", path, "application/json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Map<String, JsonNode> rows = new TreeMap<>();
        reply.json().path("rows").forEach(row -> rows.put(row.path("key").asText(), row));
        return rows;
    }

    private static void compare(String groupBy, Map<String, JsonNode> answered, Map<String, SampleFigures.Row> expected) {
        assertThat(answered.keySet()).as(groupBy).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, row) -> assertSameRow(groupBy + " " + key, answered.get(key), row));
    }

    private static void assertSameRow(String what, JsonNode answered, SampleFigures.Row expected) {
        assertThat(answered.path("openCount").asLong()).as(what + " openCount").isEqualTo(expected.openCount());
        assertThat(answered.path("openValue").asDouble()).as(what + " openValue")
                .isCloseTo(expected.openValue(), Offset.offset(0.005));
        assertThat(answered.path("wonCount").asLong()).as(what + " wonCount").isEqualTo(expected.wonCount());
        assertThat(answered.path("wonValue").asDouble()).as(what + " wonValue")
                .isCloseTo(expected.wonValue(), Offset.offset(0.005));
        assertThat(answered.path("lostCount").asLong()).as(what + " lostCount").isEqualTo(expected.lostCount());
        assertRounded(what + " winRate", answered.path("winRate"), expected.winRate());
        assertRounded(what + " averageDealSize", answered.path("averageDealSize"), expected.averageDealSize());
        assertRounded(what + " averageCycleDays", answered.path("averageCycleDays"), expected.averageCycleDays());
        assertRounded(what + " velocityPerDay", answered.path("velocityPerDay"), expected.velocityPerDay());
        // the export has no close-date history, so nothing slipped
        assertThat(answered.path("slippedShare").asDouble()).as(what + " slippedShare").isZero();
    }

    private static void assertRounded(String what, JsonNode answered, Double expected) {
        if (expected == null) {
            assertThat(answered.isNull()).as(what + " " + answered).isTrue();
        } else {
            assertThat(answered.asDouble()).as(what).isCloseTo(expected, FOUR_DECIMALS);
        }
    }
}
