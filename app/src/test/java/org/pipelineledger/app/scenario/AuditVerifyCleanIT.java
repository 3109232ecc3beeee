package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A store nobody tampered with verifies clean, whole, over HTTP; and the command line
 * ({@code ledger.audit.verify=true}) verified it at start-up with exit code 0 (kept running here,
 * {@code verify-exit=false}, so that the test can look). A context of its own: no other test's tampering is in it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=audit-verify-clean", "ledger.audit.verify=true",
                "ledger.audit.verify-exit=false"})
@ActiveProfiles({"embedded", "test"})
class AuditVerifyCleanIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCommandLineVerifiedTheStoreAtStartUpAndExitsWithZero() {
        assertThat(context.getBeansOfType(ExitCodeGenerator.class).values())
                .extracting(ExitCodeGenerator::getExitCode).containsExactly(0);
    }

    @Test
    void theApplicationsFlywayRanV20AsAJavaMigrationAndAFreshStoreGotNothingFromIt() {
        assertThat(jdbc.queryForObject("SELECT \"type\" FROM \"flyway_schema_history\" WHERE \"version\" = '20'",
                String.class)).isEqualTo("JDBC");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain_migration", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event_hash WHERE chained_by <> 'APPEND'",
                Long.class)).isZero();
    }

    @Test
    void anUntouchedStoreVerifiesCleanWhole() {
        LedgerHttp http = new LedgerHttp(port);
        for (int deal = 0; deal < 3; deal++) {
            String id = "clean-" + UUID.randomUUID();
            Reply created = http.post("rep", "/api/opportunities", body("id", id, "name", "Deal " + id,
                    "account", "Account of " + id, "amount", 1000 + deal, "closeDate", "2031-06-30"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Reply noted = http.post("rep", "/api/opportunities/" + id + "/notes", body("text", "a note"));
            assertThat(noted.status()).as(noted.body()).isEqualTo(200);
        }
        long stored = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);

        Reply reply = http.get("auditor", "/api/audit/verify");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode result = reply.json();
        assertThat(result.path("ok").asBoolean()).as(reply.body()).isTrue();
        assertThat(result.path("problems").size()).isZero();
        assertThat(result.path("eventsChecked").asLong()).isGreaterThanOrEqualTo(stored).isGreaterThanOrEqualTo(6);
        assertThat(result.path("deals").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(result.path("covers").asText()).startsWith("the whole store");
    }
}
