package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.pipelineledger.command.audit.AuditProblem;
import org.pipelineledger.command.audit.AuditProblem.Kind;
import org.pipelineledger.command.audit.EventChain;
import org.pipelineledger.command.audit.VerificationScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Anchors signed with an Ed25519 key from configuration, checked as an auditor would outside the ledger (the JDK and
 * the published public key only), and what they catch that nothing in the store can: the store rewritten
 * consistently, checkpoints included. A context of its own (its key, no scheduled checkpoints, and a store these
 * tests break), in a fixed order: the first test needs a store without checkpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.test.context=anchors",
        "ledger.audit.checkpoint.enabled=false",
        // openssl genpkey -algorithm ed25519 -outform DER | base64 -w0: a test key, published here
        "ledger.audit.anchor.ed25519-private-key=" + AuditAnchorIT.PRIVATE_KEY})
@ActiveProfiles({"embedded", "test"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditAnchorIT {

    static final String PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIGJI3orMnf/EqYEOAcE2F5eXldelpQe5u56Eg/ysiNwN";
    /** openssl pkey -pubout -outform DER | base64 -w0, of the same key. */
    static final String PUBLIC_KEY = "MCowBQYDK2VwAyEAlv3yRMYCtzksdP99zApmQMZFSQB2RR9xtA0afRtPwiU=";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;


    private String createDeal(LedgerHttp http, int notes) {
        String id = "anchor-" + UUID.randomUUID();
        Reply created = http.post("rep", "/api/opportunities", body("id", id, "name", "Deal " + id,
                "account", "Account of " + id, "amount", 25000, "closeDate", "2031-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (int i = 0; i < notes; i++) {
            Reply noted = http.post("rep", "/api/opportunities/" + id + "/notes", body("text", "note " + i));
            assertThat(noted.status()).as(noted.body()).isEqualTo(200);
        }
        return id;
    }

    private List<AuditProblem> verify(VerificationScope scope) {
        return AuditCheckpointWalk.verify(new LedgerHttp(port), scope);
    }

    @Test
    @Order(1)
    void beforeTheFirstCheckpointThereIsNoAnchor() {
        LedgerHttp http = new LedgerHttp(port);
        JsonNode problem = assertProblem(http.get("auditor", "/api/audit/anchor"), 404, "NO_CHECKPOINT");
        assertThat(problem.path("detail").asText()).contains("POST /api/audit/checkpoints");
        assertProblem(http.post("auditor", "/api/audit/checkpoints", null), 404, "NO_CHECKPOINT");
    }

    @Test
    @Order(2)
    void theAnchorIsSignedWithTheConfiguredKeyAndVerifiesWithThePublishedPublicKeyAlone() throws Exception {
        LedgerHttp http = new LedgerHttp(port);
        createDeal(http, 2);
        assertThat(http.post("auditor", "/api/audit/checkpoints", null).status()).isEqualTo(201);

        Reply keyReply = http.get("auditor", "/api/audit/anchor/public-key");
        assertThat(keyReply.status()).as(keyReply.body()).isEqualTo(200);
        JsonNode key = keyReply.json();
        assertThat(key.path("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(key.path("publicKey").asText()).isEqualTo(PUBLIC_KEY);
        assertThat(key.path("pem").asText()).isEqualTo(
                "-----BEGIN PUBLIC KEY-----\n" + PUBLIC_KEY + "\n-----END PUBLIC KEY-----\n");
        assertThat(key.path("keyId").asText()).isEqualTo("ed25519:"
                + EventChain.hex(EventChain.sha256().digest(Base64.getDecoder().decode(PUBLIC_KEY))).substring(0, 16));

        Reply reply = http.get("admin", "/api/audit/anchor");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode anchor = reply.json();
        assertThat(anchor.path("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(anchor.path("keyId").asText()).isEqualTo(key.path("keyId").asText());
        JsonNode latest = http.get("auditor", "/api/audit/checkpoints?limit=1").json().path("checkpoints").get(0);
        assertThat(anchor.path("signed").asText()).isEqualTo("pipeline-ledger anchor v1\n"
                + "checkpoint: " + latest.path("number").asLong() + "\n"
                + "position: " + latest.path("position").asLong() + "\n"
                + "time: " + latest.path("time").asText() + "\n"
                + "events: " + latest.path("events").asLong() + "\n"
                + "deals: " + latest.path("deals").asLong() + "\n"
                + "root: " + latest.path("root").asText() + "\n"
                + "hash: " + latest.path("hash").asText() + "\n");

        // the auditor's side: the JDK and the public key, nothing of the ledger's
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(PUBLIC_KEY)));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(anchor.path("signed").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(anchor.path("signature").asText()))).isTrue();

        assertThat(verify(new VerificationScope(null, null, null, reply.body()))).isEmpty();
    }

    @Test
    @Order(3)
    void aDealsLastEventOrTheWholeDealDeletedAfterACheckpointIsFound() {
        LedgerHttp http = new LedgerHttp(port);
        String shortened = createDeal(http, 2);
        String gone = createDeal(http, 1);
        assertThat(http.post("auditor", "/api/audit/checkpoints", null).status()).isEqualTo(201);

        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 2", shortened);
        jdbc.update("DELETE FROM audit_event_hash WHERE aggregateidentifier = ? AND sequencenumber = 2", shortened);
        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ?", gone);
        jdbc.update("DELETE FROM audit_event_hash WHERE aggregateidentifier = ?", gone);

        assertThat(verify(new VerificationScope(shortened, null, null, null)))
                .extracting(AuditProblem::deal, AuditProblem::sequence, AuditProblem::kind)
                .containsExactly(tuple(shortened, 2L, Kind.DELETED));
        assertThat(verify(new VerificationScope(gone, null, null, null)))
                .extracting(AuditProblem::deal, AuditProblem::sequence, AuditProblem::kind)
                .containsExactly(tuple(gone, 0L, Kind.MISSING_DEAL));
    }

    /**
     * The administrator rewrites a deal's note, its hash rows, and every checkpoint: the store agrees with itself
     * and verifies clean. The anchor the auditor kept from before does not agree.
     */
    @Test
    @Order(4)
    void aStoreRewrittenConsistentlyIsCaughtByTheAnchorKeptBeforeAndByNothingElse() {
        LedgerHttp http = new LedgerHttp(port);
        String deal = createDeal(http, 1);
        assertThat(http.post("auditor", "/api/audit/checkpoints", null).status()).isEqualTo(201);
        String kept = http.get("auditor", "/api/audit/anchor").body();
        List<AuditProblem> before = verify(VerificationScope.everything());

        jdbc.update("UPDATE domainevententry SET payload = ? WHERE aggregateidentifier = ? AND sequencenumber = 1",
                "{\"text\":\"a note never written\"}".getBytes(StandardCharsets.UTF_8), deal);
        AuditCheckpointWalk.rechain(jdbc, deal);
        jdbc.update("DELETE FROM audit_checkpoint_leaf");
        jdbc.update("DELETE FROM audit_checkpoint");
        assertThat(http.post("admin", "/api/audit/checkpoints", null).status()).isEqualTo(201);

        // the earlier tests' deletions are still there; nothing else is found without the anchor
        List<AuditProblem> after = verify(VerificationScope.everything());
        assertThat(after).extracting(AuditProblem::kind).doesNotContain(Kind.CHECKPOINT, Kind.ANCHOR, Kind.EDITED);
        assertThat(after).extracting(AuditProblem::deal).doesNotContain(deal);
        assertThat(before).extracting(AuditProblem::deal).doesNotContain(deal);

        List<AuditProblem> withAnchor = verify(new VerificationScope(null, null, null, kept));
        // the forger's chain is shorter than the one the anchor saw: its checkpoint is not even there
        long anchored = LedgerHttp.parse(kept).path("checkpoint").asLong();
        assertThat(withAnchor).filteredOn(problem -> problem.kind() == Kind.ANCHOR).singleElement()
                .satisfies(problem -> assertThat(problem.detail())
                        .startsWith("The store has no checkpoint " + anchored + ", which the anchor holds"));
        assertThat(withAnchor).filteredOn(problem -> problem.kind() != Kind.ANCHOR).isEqualTo(after);
    }
}
