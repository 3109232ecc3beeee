package org.pipelineledger.app.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pipelineledger.app.imports.ImportHttp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sample CRM export uploaded over HTTP as the admin, once for the class, and what the ledger then holds: every
 * row counted, the warnings per rule as the files themselves say they must be, a deal's history as the row describes
 * it; a second upload of the same files appends nothing; a file that is no export, or a user who is no admin, appends
 * nothing either. Its own context (the property), so that its 15,000 events stay out of the other tests' database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.import.workers=3")
@ActiveProfiles({"embedded", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrmImportIT {

    static final Path DATASET = Path.of("../datasets/crm-sales-opportunities");
    private static final Duration IMPORT_PATIENCE = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(CrmImportIT.class);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private ImportHttp http;
    private Map<String, byte[]> export;
    private JsonNode job;

    @BeforeAll
    void importTheDatasetOnce() throws IOException {
        http = new ImportHttp(port);
        export = ImportHttp.parts("pipeline", read("sales_pipeline.csv"), "teams", read("sales_teams.csv"),
                "accounts", read("accounts.csv"), "products", read("products.csv"));
        Reply started = http.upload("admin", "/api/imports?pipeline=crm", export);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.location()).isEqualTo("/api/imports/" + started.json().path("id").asText());
        assertThat(started.json().path("status").asText()).isIn("RUNNING", "DONE");
        job = awaitFinished(started.location());
        log.info("The sample dataset's import: {} rows in {} s, {} rows/s", job.path("rows").asInt(),
                Duration.between(Instant.parse(job.path("startedAt").asText()),
                        Instant.parse(job.path("finishedAt").asText())).toMillis() / 1000.0,
                job.path("rowsPerSecond").asDouble());
    }

    private static byte[] read(String file) throws IOException {
        return Files.readAllBytes(DATASET.resolve(file));
    }

    private JsonNode awaitFinished(String location) {
        return await("import " + location).atMost(IMPORT_PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get("admin", location, "application/json").json(),
                        answer -> !"RUNNING".equals(answer.path("status").asText()));
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);
    }

    @Test
    void everyRowIsCountedAndTheWarningsPerRuleAreWhatTheFilesSay() throws IOException {
        Expected expected = Expected.from(DATASET);

        assertThat(job.path("status").asText()).as(job.path("error").asText()).isEqualTo("DONE");
        assertThat(job.path("rows").asInt()).isEqualTo(8800).isEqualTo(expected.rows);
        assertThat(job.path("imported").asInt() + job.path("rejected").asInt()).isEqualTo(job.path("rows").asInt());
        assertThat(job.path("rowsDone").asInt()).isEqualTo(8800);
        assertThat(job.path("rejected").asInt()).isZero();
        assertThat(job.path("alreadyPresent").asInt()).isZero();
        Map<String, Integer> warnings = new TreeMap<>();
        job.path("warningsByRule").fields().forEachRemaining(rule -> warnings.put(rule.getKey(), rule.getValue().asInt()));
        assertThat(warnings).isEqualTo(expected.warningsByRule);
        assertThat(job.path("warnings").asInt()).isEqualTo(expected.warningsByRule.values().stream()
                .mapToInt(Integer::intValue).sum());
        assertThat(job.path("actor").asText()).isEqualTo("admin");
        assertThat(job.path("problems")).hasSize(100);
        assertThat(job.path("problemCount").asInt()).isEqualTo(job.path("warnings").asInt());
        List<Long> shownRows = new ArrayList<>();
        job.path("problems").forEach(problem -> shownRows.add(problem.path("row").asLong()));
        assertThat(shownRows).as("by row").isSorted().allMatch(row -> row >= 2);
    }

    @Test
    void aWonDealIsCreatedAtItsEngageDateAndWonAtItsCloseDateByTheAdminUnderTheImportsId() {
        // Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Won,10/25/2016,3/11/2017,4514
        Reply history = http.get("auditor", "/api/opportunities/Z063OYW0/history", "application/json");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        JsonNode events = history.json().path("events");
        assertThat(events).hasSize(2);
        JsonNode created = events.get(0);
        assertThat(created.path("type").asText()).isEqualTo("OpportunityCreated");
        assertThat(created.path("occurredAt").asText()).isEqualTo("2016-10-25T00:00:00Z");
        assertThat(created.path("payload").path("stage").asText()).isEqualTo("ENGAGING");
        assertThat(created.path("payload").path("pipeline").asText()).isEqualTo("crm");
        assertThat(created.path("payload").path("owner").asText()).isEqualTo("Darcel Schlecht");
        assertThat(created.path("payload").path("account").asText()).isEqualTo("Isdom");
        assertThat(created.path("payload").path("name").asText()).isEqualTo("GTX Pro");
        assertThat(created.path("payload").path("amount").path("amount").decimalValue()).isEqualByComparingTo("4514");
        assertThat(created.path("payload").path("closeDate").asText()).isEqualTo("2017-03-11");
        JsonNode profile = created.path("payload").path("profile");
        assertThat(profile.path("product").asText()).isEqualTo("GTX Pro");
        assertThat(profile.path("team").asText()).isEqualTo("Melvin Marxen");
        assertThat(profile.path("region").asText()).isEqualTo("Central");
        assertThat(profile.path("accountSector").asText()).isEqualTo("medical");
        assertThat(profile.path("accountEmployees").asInt()).isEqualTo(4540);
        JsonNode won = events.get(1);
        assertThat(won.path("type").asText()).isEqualTo("OpportunityWon");
        assertThat(won.path("occurredAt").asText()).isEqualTo("2017-03-11T00:00:00Z");
        for (JsonNode event : events) {
            assertThat(event.path("metadata").path("actor").asText()).isEqualTo("admin");
            assertThat(event.path("metadata").path("requestId").asText()).isEqualTo(job.path("id").asText());
            assertThat(event.path("metadata").path("correlationId").asText()).isEqualTo(job.path("id").asText());
        }
    }

    @Test
    void aLostDealWithoutValueGetsItsProductsListPriceAndTheExportsLossReason() {
        Expected.Row row = Expected.rows(DATASET).stream().filter(r -> r.stage().equals("Lost")).findFirst()
                .orElseThrow();
        String listPrice = Expected.listPrices(DATASET).get(Expected.productKey(row.product()));
        assertThat(row.value()).isEqualTo("0");

        JsonNode events = http.get("auditor", "/api/opportunities/" + row.id() + "/history", "application/json")
                .json().path("events");
        assertThat(events).extracting(event -> event.path("type").asText())
                .containsExactly("OpportunityCreated", "OpportunityLost");
        assertThat(events.get(0).path("payload").path("amount").path("amount").decimalValue())
                .isEqualByComparingTo(listPrice);
        assertThat(events.get(1).path("payload").path("reason").asText())
                .isEqualTo("Lost in the CRM export (no reason recorded)");
    }

    /**
     * The second upload's pipeline file has the same rows and a mebibyte of blank lines after them (no rows), so that
     * it is larger than Spring's default multipart limit of 1 MB a file, which the import raises.
     */
    @Test
    void importingTheSameFilesAgainAppendsNothingAndCountsEveryDealAsAlreadyPresent() {
        long before = storedEvents();
        Map<String, byte[]> padded = new LinkedHashMap<>(export);
        byte[] pipeline = export.get("pipeline");
        byte[] larger = Arrays.copyOf(pipeline, pipeline.length + 1024 * 1024);
        Arrays.fill(larger, pipeline.length, larger.length, (byte) '\n');
        padded.put("pipeline", larger);
        Reply again = http.upload("admin", "/api/imports", padded);
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        JsonNode second = awaitFinished(again.location());

        assertThat(second.path("status").asText()).as(second.path("error").asText()).isEqualTo("DONE");
        assertThat(second.path("imported").asInt()).isEqualTo(8800);
        assertThat(second.path("alreadyPresent").asInt()).isEqualTo(8800);
        assertThat(second.path("rejected").asInt()).isZero();
        assertThat(storedEvents()).isEqualTo(before);
        JsonNode list = http.get("admin", "/api/imports", "application/json").json();
        assertThat(list.get(0).path("id").asText()).as("newest first").isEqualTo(second.path("id").asText());
    }

    @Test
    void aFileThatIsNoExportIsRefusedAndAppendsNothing() {
        long before = storedEvents();
        int jobs = jdbc.queryForObject("SELECT COUNT(*) FROM import_job", Integer.class);
        String semicolons = new String(export.get("pipeline"), StandardCharsets.UTF_8).replace(',', ';');

        Reply refused = http.upload("admin", "/api/imports", ImportHttp.parts("pipeline", semicolons));
        Reply noPipeline = http.upload("admin", "/api/imports", ImportHttp.parts("teams", export.get("teams")));
        Reply wrongPipeline = http.upload("admin", "/api/imports?pipeline=default", export);

        for (Reply reply : List.of(refused, noPipeline, wrongPipeline)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(422);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().path("code").asText()).isEqualTo("NOT_AN_EXPORT");
        }
        assertThat(refused.json().path("detail").asText()).contains("';'");
        assertThat(wrongPipeline.json().path("detail").asText()).contains("'default' has no stage [ENGAGING]");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM import_job", Integer.class)).isEqualTo(jobs);
    }

    @Test
    void onlyAdminsImportOrReadImports() {
        Reply manager = http.upload("manager", "/api/imports", export);
        assertThat(manager.status()).isEqualTo(403);
        assertThat(manager.json().path("code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(http.get("analyst", "/api/imports/" + job.path("id").asText(), "application/json").status())
                .isEqualTo(403);
    }

    @Test
    void anUnknownImportIsNotFound() {
        Reply unknown = http.get("admin", "/api/imports/no-such-import", "application/json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("IMPORT_NOT_FOUND");
        assertThat(http.get("admin", "/api/imports/no-such-import/problems", "text/csv").status()).isEqualTo(404);
    }

    @Test
    void theProblemsAreAlsoCsvOneLinePerProblem() {
        Reply csv = http.get("admin", "/api/imports/" + job.path("id").asText() + "/problems", "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("row,opportunity_id,column,value,rule,action,problem,done");
        assertThat(lines).hasSize(job.path("problemCount").asInt() + 1);
        // line 3 of the file: Z063OYW0 says GTXPro
        assertThat(lines).contains("3,Z063OYW0,product,GTXPro,PRODUCT_SPELLING,IMPORTED_WITH_WARNING,"
                + "spelled differently in the products file,recorded as GTX Pro");
    }

    /** What the rules must report, computed from the files here, independently of the import's code. */
    static final class Expected {

        record Row(String id, String agent, String product, String account, String stage, String engaged,
                   String closed, String value) {
        }

        final int rows;
        final Map<String, Integer> warningsByRule = new TreeMap<>();

        private Expected(int rows) {
            this.rows = rows;
        }

        static List<Row> rows(Path dataset) {
            List<Row> rows = new ArrayList<>();
            for (String[] f : records(dataset.resolve("sales_pipeline.csv"))) {
                rows.add(new Row(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
            }
            return rows;
        }

        static String productKey(String product) {
            return product.replace(" ", "").toLowerCase(Locale.ROOT);
        }

        static Map<String, String> listPrices(Path dataset) {
            Map<String, String> prices = new HashMap<>();
            records(dataset.resolve("products.csv")).forEach(f -> prices.put(productKey(f[0]), f[2]));
            return prices;
        }

        static Expected from(Path dataset) {
            Map<String, String> products = new HashMap<>();
            records(dataset.resolve("products.csv")).forEach(f -> products.put(productKey(f[0]), f[0]));
            Set<String> accounts = new HashSet<>();
            records(dataset.resolve("accounts.csv")).forEach(f -> accounts.add(f[0]));
            Set<String> agents = new HashSet<>();
            records(dataset.resolve("sales_teams.csv")).forEach(f -> agents.add(f[0]));
            List<Row> rows = rows(dataset);
            Expected expected = new Expected(rows.size());
            for (Row row : rows) {
                boolean open = row.stage().equals("Prospecting") || row.stage().equals("Engaging");
                String product = products.get(productKey(row.product()));
                expected.count("NO_ENGAGE_DATE", open && row.engaged().isEmpty());
                expected.count("EXPECTED_CLOSE_ASSUMED", open && row.closed().isEmpty());
                boolean noValue = row.value().isEmpty() || Double.parseDouble(row.value()) == 0;
                expected.count("LIST_PRICE_USED", noValue && product != null);
                expected.count("NO_VALUE", noValue && product == null);
                expected.count("NO_PRODUCT", row.product().isEmpty());
                expected.count("PRODUCT_SPELLING", product != null && !product.equals(row.product()));
                expected.count("UNKNOWN_PRODUCT", !row.product().isEmpty() && product == null);
                expected.count("NO_ACCOUNT", row.account().isEmpty());
                expected.count("UNKNOWN_ACCOUNT", !row.account().isEmpty() && !accounts.contains(row.account()));
                expected.count("UNKNOWN_AGENT", !agents.contains(row.agent()));
            }
            return expected;
        }

        private void count(String rule, boolean applies) {
            if (applies) {
                warningsByRule.merge(rule, 1, Integer::sum);
            }
        }

        /** The data rows; the sample has no quoted fields (checked), so a split is a faithful reading. */
        private static List<String[]> records(Path file) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                assertThat(String.join("", lines)).doesNotContain("\"");
                return lines.subList(1, lines.size()).stream().filter(line -> !line.isBlank())
                        .map(line -> line.split(",", -1)).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
