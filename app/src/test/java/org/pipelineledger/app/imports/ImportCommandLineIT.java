package org.pipelineledger.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pipelineledger.command.imports.CrmImporter;
import org.pipelineledger.command.imports.ImportJob;
import org.pipelineledger.command.imports.ImportStatus;
import org.pipelineledger.command.imports.Rule;
import org.pipelineledger.command.opportunity.Actor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The import from the command line: the application started with {@code ledger.import.pipeline-file} (and the teams
 * file) runs it at start-up as the configured admin, through the same code as the API; here it stays up
 * ({@code ledger.import.exit=false}) so that the test can look. Also: a run of files that an earlier run left half
 * done finishes them, appending only what is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class ImportCommandLineIT {

    static final String HEADER = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,"
            + "close_value";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    CrmImporter importer;
    @Autowired
    JdbcTemplate jdbc;

    /** The first ten rows of the sample, a deal closing in the future (which the ledger refuses) and a bad date. */
    @DynamicPropertySource
    static void commandLine(DynamicPropertyRegistry properties) throws IOException {
        List<String> lines = new ArrayList<>(sample().subList(0, 11));
        lines.add("FUTURE01,Moses Frase,GTX Pro,Cancity,Won,1/5/2017,1/5/2999,1000");
        lines.add("BADDATE1,Moses Frase,GTX Pro,Cancity,Won,1/5/2017,2017-02-01,1000");
        Path file = Files.createTempFile("command-line-import-", ".csv");
        file.toFile().deleteOnExit();
        Files.write(file, lines, StandardCharsets.UTF_8);
        properties.add("ledger.import.pipeline-file", file::toString);
        properties.add("ledger.import.teams-file", () -> CrmImportIT.DATASET.resolve("sales_teams.csv").toString());
        properties.add("ledger.import.actor", () -> "cli-import");
        properties.add("ledger.import.exit", () -> "false");
    }

    private static List<String> sample() {
        try {
            return Files.readAllLines(CrmImportIT.DATASET.resolve("sales_pipeline.csv"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theImportRanAtStartUpAsTheConfiguredAdminAndItsExitCodeIsZero() {
        assertThat(context.getBeansOfType(ExitCodeGenerator.class).values())
                .extracting(ExitCodeGenerator::getExitCode).containsExactly(0);
        ImportJob job = importer.all().stream().filter(j -> j.actor().equals("cli-import")).findFirst().orElseThrow();

        assertThat(job.status()).isEqualTo(ImportStatus.DONE);
        assertThat(job.files()).hasSize(2).last().isEqualTo("teams: sales_teams.csv");
        assertThat(job.files().get(0)).startsWith("pipeline: command-line-import-");
        assertThat(job.rows()).isEqualTo(12);
        assertThat(job.imported()).isEqualTo(10);
        assertThat(job.rejected()).isEqualTo(2);
        ImportJob full = importer.find(job.id()).orElseThrow();
        assertThat(full.rejectedByRule()).containsOnlyKeys(Rule.REFUSED_BY_LEDGER, Rule.INVALID_DATE);
        assertThat(full.problems()).filteredOn(problem -> problem.rule() == Rule.REFUSED_BY_LEDGER).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.opportunityId()).isEqualTo("FUTURE01");
                    assertThat(problem.problem()).contains("OCCURRED_AT_IN_FUTURE");
                    assertThat(problem.done()).isEqualTo("row rejected: the deal was created, but not closed");
                });
        JsonNode history = new ImportHttp(port).get("auditor", "/api/opportunities/" + firstId() + "/history",
                "application/json").json();
        JsonNode metadata = history.path("events").get(0).path("metadata");
        assertThat(metadata.path("actor").asText()).isEqualTo("cli-import");
        assertThat(metadata.path("requestId").asText()).isEqualTo(job.id());
        assertThat(metadata.path("correlationId").asText()).isEqualTo(job.id());
    }

    private static String firstId() {
        return sample().get(1).split(",")[0];
    }

    @Test
    void runningAgainFilesThatAnEarlierRunLeftHalfDoneAppendsOnlyTheRest() throws IOException {
        // rows 1 to 6 of the sample under new ids; the earlier run had rows 1 to 3, and row 4 created but not closed
        List<String> rows = sample().subList(1, 7).stream().map(line -> "resume-" + line).toList();
        assertThat(rows.get(3)).contains(",Won,");
        String openRow4 = rows.get(3).replace(",Won,", ",Engaging,").replaceAll(",[^,]*,[^,]*$", ",,");
        ImportJob earlier = importer.runHere("crm", List.of(source(rows.subList(0, 3), openRow4)), Actor.admin("admin"));
        assertThat(earlier.imported()).isEqualTo(4);
        long before = events();

        ImportJob again = importer.runHere("crm", List.of(source(rows)), Actor.admin("admin"));

        assertThat(again.status()).isEqualTo(ImportStatus.DONE);
        assertThat(again.imported()).isEqualTo(6);
        assertThat(again.alreadyPresent()).isEqualTo(4);
        long closedRows5And6 = rows.subList(4, 6).stream()
                .filter(row -> row.contains(",Won,") || row.contains(",Lost,")).count();
        assertThat(events() - before).as("row 4's close, rows 5 and 6").isEqualTo(1 + 2 + closedRows5And6);
        JsonNode history = new ImportHttp(port).get("auditor",
                "/api/opportunities/" + rows.get(3).split(",")[0] + "/history", "application/json").json();
        assertThat(history.path("events")).extracting(event -> event.path("type").asText())
                .containsExactly("OpportunityCreated", "OpportunityWon");
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);
    }

    private static CrmImporter.Source source(List<String> rows, String... more) {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.addAll(rows);
        lines.addAll(List.of(more));
        byte[] content = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return new CrmImporter.Source("pipeline", "resume.csv", () -> new ByteArrayInputStream(content));
    }
}
