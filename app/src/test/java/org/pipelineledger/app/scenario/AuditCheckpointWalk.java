package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pipelineledger.command.audit.AuditProblem;
import org.pipelineledger.command.audit.EventChain;
import org.pipelineledger.command.audit.StoredEvent;
import org.pipelineledger.command.audit.VerificationScope;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole verification as an auditor runs it, {@code GET /api/audit/verify} (the walk and the checkpoints' check
 * together), its problems read back as {@link AuditProblem}s; and the administrator's forgery of a deal's chain.
 */
final class AuditCheckpointWalk {

    private AuditCheckpointWalk() {
    }

    static List<AuditProblem> verify(LedgerHttp http, VerificationScope scope) {
        StringBuilder query = new StringBuilder();
        parameter(query, "deal", scope.deal());
        parameter(query, "from", scope.fromGlobalIndex());
        parameter(query, "to", scope.toGlobalIndex());
        parameter(query, "anchor", scope.anchor());
        LedgerHttp.Reply reply = http.get("auditor", "/api/audit/verify" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<AuditProblem> problems = new ArrayList<>();
        for (JsonNode problem : reply.json().path("problems")) {
            problems.add(new AuditProblem(problem.path("deal").isNull() ? null : problem.path("deal").asText(null),
                    problem.path("sequence").isNumber() ? problem.path("sequence").asLong() : null,
                    AuditProblem.Kind.valueOf(problem.path("kind").asText()), problem.path("detail").asText()));
        }
        assertThat(reply.json().path("ok").asBoolean()).as(reply.body()).isEqualTo(problems.isEmpty());
        return problems;
    }

    private static void parameter(StringBuilder query, String name, Object value) {
        if (value != null) {
            query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }

    /** Writes a deal's hash rows again over its stored events, as an administrator who knows the chain would. */
    static void rechain(JdbcTemplate jdbc, String deal) {
        List<StoredEvent> events = jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domainevententry"
                + " WHERE aggregateidentifier = ? ORDER BY sequencenumber", (row, n) -> StoredEvent.read(row), deal);
        byte[] previous = EventChain.GENESIS;
        for (StoredEvent event : events) {
            previous = EventChain.hash(previous, event);
            jdbc.update("UPDATE audit_event_hash SET hash = ? WHERE aggregateidentifier = ? AND sequencenumber = ?",
                    previous, deal, event.sequenceNumber());
        }
    }
}
