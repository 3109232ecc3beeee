package org.pipelineledger.app.scenario;

import java.util.ArrayList;
import java.util.List;
import org.pipelineledger.command.audit.AuditProblem;
import org.pipelineledger.command.audit.ChainWalkListener;
import org.pipelineledger.command.audit.EventChain;
import org.pipelineledger.command.audit.StoredEvent;
import org.pipelineledger.command.audit.VerificationScope;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a verification walk tells the checkpoints' check, for tests on a branch without the walk itself: every deal the
 * scope names, its chain recomputed from its stored rows with {@link EventChain}, each hash over the one before.
 */
final class AuditCheckpointWalk {

    private AuditCheckpointWalk() {
    }

    static List<AuditProblem> verify(JdbcTemplate jdbc, List<ChainWalkListener> listeners, VerificationScope scope) {
        listeners.forEach(listener -> listener.start(scope));
        List<String> deals = scope.deal() != null ? List.of(scope.deal()) : jdbc.queryForList(
                "SELECT DISTINCT aggregateidentifier FROM domainevententry", String.class);
        for (String deal : deals) {
            List<StoredEvent> events = jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domainevententry"
                    + " WHERE aggregateidentifier = ? ORDER BY sequencenumber", (row, n) -> StoredEvent.read(row), deal);
            if (events.isEmpty()) {
                continue;
            }
            long[] sequences = new long[events.size()];
            byte[][] hashes = new byte[events.size()][];
            byte[] previous = EventChain.GENESIS;
            for (int i = 0; i < events.size(); i++) {
                previous = EventChain.hash(previous, events.get(i));
                sequences[i] = events.get(i).sequenceNumber();
                hashes[i] = previous;
            }
            listeners.forEach(listener -> listener.deal(deal, sequences, hashes));
        }
        List<AuditProblem> problems = new ArrayList<>();
        listeners.forEach(listener -> problems.addAll(listener.finish()));
        return problems;
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
