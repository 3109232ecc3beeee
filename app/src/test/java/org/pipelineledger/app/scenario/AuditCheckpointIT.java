package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.pipelineledger.command.audit.AuditProblem;
import org.pipelineledger.command.audit.EventChain;
import org.pipelineledger.command.audit.VerificationScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Checkpoints over HTTP in the running application (ADR 0016): written on request over the deals just created, listed,
 * checked clean, and anchored with the embedded profile's published demo key. Shares its context with the other tests
 * of the same configuration, so it never assumes an empty store and tampers with nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
class AuditCheckpointIT {

    /** The demo key as docs/audit-anchors.md publishes it. */
    private static final String DEMO_KEY = "cGlwZWxpbmUtbGVkZ2VyIERFTU8gYW5jaG9yIGtleSwgcHVibGlzaGVk";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;


    private String createDeal(LedgerHttp http, int notes) {
        String id = "cp-" + UUID.randomUUID();
        Reply created = http.post("rep", "/api/opportunities", body("id", id, "name", "Deal " + id,
                "account", "Account of " + id, "amount", 25000, "closeDate", "2031-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (int i = 0; i < notes; i++) {
            Reply noted = http.post("rep", "/api/opportunities/" + id + "/notes", body("text", "note " + i));
            assertThat(noted.status()).as(noted.body()).isEqualTo(200);
        }
        return id;
    }

    @Test
    void aCheckpointWrittenOnRequestNamesEveryDealsLatestHashAndIsListedFirst() {
        LedgerHttp http = new LedgerHttp(port);
        String one = createDeal(http, 2);
        String two = createDeal(http, 0);

        Reply written = http.post("auditor", "/api/audit/checkpoints", null);

        assertThat(written.status()).as(written.body()).isEqualTo(201);
        JsonNode checkpoint = written.json();
        long number = checkpoint.path("number").asLong();
        Long position = jdbc.queryForObject("SELECT MAX(globalindex) FROM audit_event_hash", Long.class);
        assertThat(checkpoint.path("position").asLong()).isEqualTo(position);
        assertThat(checkpoint.path("settled").asBoolean()).isFalse();
        assertThat(checkpoint.path("deals").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(checkpoint.path("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(checkpoint.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        // a deal's head as of a checkpoint: its leaf of the latest checkpoint up to it (the job may have written one)
        String headOf = "SELECT l.sequencenumber FROM audit_checkpoint_leaf l WHERE l.aggregateidentifier = ?"
                + " AND l.checkpoint = (SELECT MAX(m.checkpoint) FROM audit_checkpoint_leaf m"
                + " WHERE m.aggregateidentifier = l.aggregateidentifier AND m.checkpoint <= ?)";
        assertThat(jdbc.queryForObject(headOf, Long.class, one, number)).isEqualTo(2);
        assertThat(jdbc.queryForObject(headOf, Long.class, two, number)).isEqualTo(0);
        byte[] oneHash = jdbc.queryForObject("SELECT hash FROM audit_event_hash WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 2", byte[].class, one);
        assertThat(jdbc.queryForObject("SELECT hash FROM audit_checkpoint_leaf WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 2", byte[].class, one)).isEqualTo(oneHash);

        Reply again = http.post("admin", "/api/audit/checkpoints", null);
        assertThat(again.status()).as("nothing new: the latest, not another").isEqualTo(200);
        assertThat(again.json().path("number").asLong()).isEqualTo(number);

        Reply listed = http.get("auditor", "/api/audit/checkpoints?limit=2");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode latest = listed.json().path("checkpoints").get(0);
        assertThat(latest).isEqualTo(checkpoint);
        if (number > 1) {
            assertThat(listed.json().path("checkpoints").get(1).path("hash").asText())
                    .isEqualTo(checkpoint.path("previous").asText());
        }

        List<AuditProblem> problems = AuditCheckpointWalk.verify(new LedgerHttp(port), VerificationScope.everything());
        assertThat(problems).as("an untouched store").isEmpty();
    }

    @Test
    void theAnchorIsTheLatestCheckpointSignedWithThePublishedDemoKeyAsAnyHmacToolChecksIt() throws Exception {
        LedgerHttp http = new LedgerHttp(port);
        createDeal(http, 1);
        Reply written = http.post("auditor", "/api/audit/checkpoints", null);
        assertThat(written.status()).as(written.body()).isEqualTo(201);

        Reply reply = http.get("auditor", "/api/audit/anchor");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode anchor = reply.json();
        JsonNode checkpoint = written.json();
        assertThat(anchor.path("checkpoint").asLong()).isGreaterThanOrEqualTo(checkpoint.path("number").asLong());
        assertThat(anchor.path("algorithm").asText()).isEqualTo("HMAC-SHA256");
        String signed = anchor.path("signed").asText();
        assertThat(signed).isEqualTo("pipeline-ledger anchor v1\n"
                + "checkpoint: " + anchor.path("checkpoint").asLong() + "\n"
                + "position: " + anchor.path("position").asLong() + "\n"
                + "time: " + anchor.path("time").asText() + "\n"
                + "events: " + anchor.path("events").asLong() + "\n"
                + "deals: " + anchor.path("deals").asLong() + "\n"
                + "root: " + anchor.path("root").asText() + "\n"
                + "hash: " + anchor.path("hash").asText() + "\n");
        byte[] secret = Base64.getDecoder().decode(DEMO_KEY);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        assertThat(Base64.getDecoder().decode(anchor.path("signature").asText()))
                .isEqualTo(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        assertThat(anchor.path("keyId").asText())
                .isEqualTo("hmac-sha256:" + EventChain.hex(EventChain.sha256().digest(secret)).substring(0, 16));

        // what the auditor brings back later: the whole answer, as kept
        assertThat(AuditCheckpointWalk.verify(new LedgerHttp(port), new VerificationScope(null, null, null, reply.body())))
                .isEmpty();

        assertProblem(http.get("auditor", "/api/audit/anchor/public-key"), 404, "NOT_FOUND");
    }

    @Test
    void checkpointsAndAnchorsAreTheAuditorsAndTheListsLimitIsChecked() {
        LedgerHttp http = new LedgerHttp(port);
        assertProblem(http.post("rep", "/api/audit/checkpoints", null), 403, "ACCESS_DENIED");
        assertProblem(http.get("manager", "/api/audit/checkpoints"), 403, "ACCESS_DENIED");
        assertProblem(http.get("analyst", "/api/audit/anchor"), 403, "ACCESS_DENIED");
        assertProblem(http.get("auditor", "/api/audit/checkpoints?limit=0"), 400, "INVALID_LIMIT");
        assertProblem(http.get("auditor", "/api/audit/checkpoints?limit=1001"), 400, "INVALID_LIMIT");
        assertProblem(http.get("auditor", "/api/audit/checkpoints?limit=ten"), 400, "INVALID_PARAMETER");
        assertProblem(http.send("DELETE", "/api/audit/checkpoints", "admin", LedgerHttp.PASSWORD, null,
                java.util.Map.of()), 405, "METHOD_NOT_ALLOWED");
    }
}
