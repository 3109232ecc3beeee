package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Verification over HTTP (docs/audit.md, ADR 0016): tampering done directly in the database on each test's own deal
 * is found at the right sequence and kind, one deal or a range at a time, at once or as a job with progress. In a
 * context of its own, since its tampering would break the store for a test that verifies all of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.test.context=audit-verify-tampered")
@ActiveProfiles({"embedded", "test"})
class AuditVerifyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private LedgerHttp http() {
        return new LedgerHttp(port);
    }

    /** A new deal with {@code notes} notes after its creation: events 0 to {@code notes}. */
    private String deal(int notes) {
        LedgerHttp http = http();
        String id = "verify-" + UUID.randomUUID();
        Reply created = http.post("rep", "/api/opportunities", body("id", id, "name", "Deal " + id,
                "account", "Account of " + id, "amount", 25000, "closeDate", "2031-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (int note = 1; note <= notes; note++) {
            Reply noted = http.post("rep", "/api/opportunities/" + id + "/notes", body("text", "note " + note));
            assertThat(noted.status()).as(noted.body()).isEqualTo(200);
        }
        return id;
    }

    private JsonNode verify(String query) {
        Reply reply = http().get("auditor", "/api/audit/verify" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /**
     * The job's answer once it is no longer RUNNING. Every test that starts a job waits for it here, so that no job
     * outlives its test: one verification runs at a time, and another test's would be refused meanwhile.
     */
    private JsonNode awaitJob(String location) {
        LedgerHttp http = http();
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Reply reply = http.get("auditor", location);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return reply.json();
        }, job -> !job.path("status").asText().equals("RUNNING"));
    }

    private static void problemAt(JsonNode result, String deal, long sequence, String kind) {
        assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
        JsonNode problems = result.path("problems");
        assertThat(problems.size()).as(result.toString()).isEqualTo(1);
        assertThat(problems.get(0).path("deal").asText()).isEqualTo(deal);
        assertThat(problems.get(0).path("sequence").asLong()).as(result.toString()).isEqualTo(sequence);
        assertThat(problems.get(0).path("kind").asText()).as(result.toString()).isEqualTo(kind);
        assertThat(problems.get(0).path("detail").asText()).isNotBlank();
    }

    private void flipPayloadByte(String deal, long sequence) {
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND sequencenumber = ?", byte[].class, deal, sequence);
        payload[payload.length / 2] ^= 0x01;
        jdbc.update("UPDATE domainevententry SET payload = ? WHERE aggregateidentifier = ? AND sequencenumber = ?",
                payload, deal, sequence);
    }

    private long globalIndex(String deal, long sequence) {
        return jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND sequencenumber = ?", Long.class, deal, sequence);
    }

    @Test
    void anUntouchedDealVerifiesCleanWithItsCounts() {
        String deal = deal(2);

        JsonNode result = verify("?deal=" + deal);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("eventsChecked").asLong()).isEqualTo(3);
        assertThat(result.path("deals").asLong()).isEqualTo(1);
        assertThat(result.path("problems").size()).isZero();
        assertThat(result.path("scope").path("deal").asText()).isEqualTo(deal);
        assertThat(result.path("startedAt").asText()).isNotBlank();
        assertThat(result.path("finishedAt").asText()).isNotBlank();
        assertThat(result.path("eventsPerSecond").isNumber()).isTrue();
    }

    @Test
    void aPayloadByteChangedInTheDatabaseIsEditedAtItsSequence() {
        String deal = deal(3);
        flipPayloadByte(deal, 2);

        problemAt(verify("?deal=" + deal), deal, 2, "EDITED");
    }

    @Test
    void aMetadataByteChangedIsEdited() {
        String deal = deal(3);
        byte[] metadata = jdbc.queryForObject("SELECT metadata FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 1", byte[].class, deal);
        metadata[metadata.length / 2] ^= 0x01;
        jdbc.update("UPDATE domainevententry SET metadata = ? WHERE aggregateidentifier = ? AND sequencenumber = 1",
                metadata, deal);

        problemAt(verify("?deal=" + deal), deal, 1, "EDITED");
    }

    @Test
    void aTimestampCharacterChangedIsEdited() {
        String deal = deal(3);
        String timestamp = jdbc.queryForObject("SELECT timestamp FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 3", String.class, deal);
        // the year's last digit: another instant, the same form
        char digit = timestamp.charAt(3);
        String changed = timestamp.substring(0, 3) + (digit == '9' ? '8' : (char) (digit + 1)) + timestamp.substring(4);
        jdbc.update("UPDATE domainevententry SET timestamp = ? WHERE aggregateidentifier = ? AND sequencenumber = 3",
                changed, deal);

        problemAt(verify("?deal=" + deal), deal, 3, "EDITED");
    }

    @Test
    void anEventDeletedInTheMiddleIsDeletedAtItsSequence() {
        String deal = deal(4);
        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 2", deal);

        problemAt(verify("?deal=" + deal), deal, 2, "DELETED");
    }

    @Test
    void aRowInsertedAtTheEndIsInserted() {
        String deal = deal(2);
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,"
                + " metadata, payload, payloadrevision, payloadtype, timestamp) SELECT aggregateidentifier, 3, type, ?,"
                + " metadata, payload, payloadrevision, payloadtype, timestamp FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = 2", UUID.randomUUID().toString(), deal);

        problemAt(verify("?deal=" + deal), deal, 3, "INSERTED");
    }

    @Test
    void aRowInsertedInTheMiddleByRenumberingIsInsertedAtItsPlace() {
        String deal = deal(3);
        for (long sequence = 3; sequence >= 1; sequence--) {
            jdbc.update("UPDATE domainevententry SET sequencenumber = ? WHERE aggregateidentifier = ?"
                    + " AND sequencenumber = ?", sequence + 1, deal, sequence);
        }
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,"
                + " metadata, payload, payloadrevision, payloadtype, timestamp) SELECT aggregateidentifier, 1, type, ?,"
                + " metadata, payload, payloadrevision, payloadtype, timestamp FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = 2", UUID.randomUUID().toString(), deal);

        problemAt(verify("?deal=" + deal), deal, 1, "INSERTED");
    }

    @Test
    void twoSequenceNumbersSwappedAreReordered() {
        String deal = deal(4);
        jdbc.update("UPDATE domainevententry SET sequencenumber = -1 WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 1", deal);
        jdbc.update("UPDATE domainevententry SET sequencenumber = 1 WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 3", deal);
        jdbc.update("UPDATE domainevententry SET sequencenumber = 3 WHERE aggregateidentifier = ?"
                + " AND sequencenumber = -1", deal);

        problemAt(verify("?deal=" + deal), deal, 1, "REORDERED");
    }

    @Test
    void aRangeStartsFromTheStoredHashBeforeItAndFindsWhatIsInIt() {
        String deal = deal(5);
        long from = globalIndex(deal, 2);
        long to = globalIndex(deal, 4);
        JsonNode clean = verify("?deal=" + deal + "&from=" + from + "&to=" + to);
        assertThat(clean.path("ok").asBoolean()).as(clean.toString()).isTrue();
        assertThat(clean.path("eventsChecked").asLong()).isEqualTo(3);
        assertThat(clean.path("covers").asText()).contains("stored hash just before the range");

        flipPayloadByte(deal, 3);
        flipPayloadByte(deal, 1);

        problemAt(verify("?deal=" + deal + "&from=" + from + "&to=" + to), deal, 3, "EDITED");
        problemAt(verify("?deal=" + deal), deal, 1, "EDITED");
    }

    @Test
    void aJobShowsItsProgressAndItsResult() {
        String deal = deal(2);
        flipPayloadByte(deal, 1);
        LedgerHttp http = http();

        Reply started = http.post("admin", "/api/audit/verifications?deal=" + deal, null);

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).isEqualTo("/api/audit/verifications/" + started.json().path("id").asText());
        assertThat(started.json().path("eventsTotal").asLong()).isEqualTo(3);
        assertThat(started.json().path("status").asText()).isIn("RUNNING", "DONE");
        JsonNode done = awaitJob(location);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("eventsChecked").asLong()).isEqualTo(3);
        assertThat(done.path("eventsPerSecond").isNumber()).isTrue();
        assertThat(done.has("secondsLeft")).as("no time left once done").isFalse();
        assertThat(done.path("finishedAt").asText()).isNotBlank();
        problemAt(done.path("result"), deal, 1, "EDITED");
    }

    @Test
    void anUnknownJobIsAProblem404() {
        assertProblem(http().get("auditor", "/api/audit/verifications/" + UUID.randomUUID()), 404,
                "VERIFICATION_NOT_FOUND");
    }

    @Test
    void parametersThatAreNotAScopeAreProblems400() {
        LedgerHttp http = http();
        assertProblem(http.get("auditor", "/api/audit/verify?from=ten"), 400, "INVALID_PARAMETER");
        assertProblem(http.get("auditor", "/api/audit/verify?from=9&to=3"), 400, "INVALID_PARAMETER");
        assertProblem(http.get("auditor", "/api/audit/verify?dael=x"), 400, "INVALID_PARAMETER");
        assertProblem(http.get("auditor", "/api/audit/verify?deal="), 400, "INVALID_PARAMETER");
        assertProblem(http.get("auditor", "/api/audit/verify?to=1&to=2"), 400, "INVALID_PARAMETER");
        assertProblem(http.post("auditor", "/api/audit/verifications?to=-1", null), 400, "INVALID_PARAMETER");
    }

    @Test
    void auditorsAndAdminsMayVerifyAndNoOneElse() {
        String deal = deal(0);
        LedgerHttp http = http();
        for (String user : new String[]{"auditor", "admin"}) {
            assertThat(http.get(user, "/api/audit/verify?deal=" + deal).status()).isEqualTo(200);
            Reply started = http.post(user, "/api/audit/verifications?deal=" + deal, null);
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            assertThat(awaitJob(started.header("Location")).path("status").asText()).isEqualTo("DONE");
        }
        for (String user : new String[]{"rep", "manager", "analyst"}) {
            assertProblem(http.get(user, "/api/audit/verify?deal=" + deal), 403, "ACCESS_DENIED");
            assertProblem(http.post(user, "/api/audit/verifications?deal=" + deal, null), 403, "ACCESS_DENIED");
        }
    }
}
