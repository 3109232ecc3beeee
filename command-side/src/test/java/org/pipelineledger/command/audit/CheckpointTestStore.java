package org.pipelineledger.command.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A private, migrated H2 database per test, with the tables a verification reads: events appended and chained as
 * {@link ChainingStorageEngine} chains them, checkpoints written by the real writer, and the walk a verification
 * would make (each deal's chain recomputed from its stored rows with {@link EventChain}), fed to a listener.
 */
final class CheckpointTestStore {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    final JdbcTemplate jdbc;
    final CheckpointStore store;
    final CheckpointWriter writer;

    CheckpointTestStore() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:checkpoints-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        store = new CheckpointStore(jdbc);
        writer = newWriter();
    }

    /** Another writer on the same database, as another node would have. */
    CheckpointWriter newWriter() {
        return new CheckpointWriter(store, new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Appends {@code count} events to the deal, after those it has, each chained over the one before. */
    void append(String deal, int count) {
        Long last = jdbc.queryForObject("SELECT MAX(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, deal);
        long next = last == null ? 0 : last + 1;
        for (long sequence = next; sequence < next + count; sequence++) {
            String id = UUID.randomUUID().toString();
            jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,"
                            + " metadata, payload, payloadrevision, payloadtype, timestamp)"
                            + " VALUES (?, ?, 'Opportunity', ?, ?, ?, NULL, 'org.pipelineledger.events.NoteAdded', ?)",
                    deal, sequence, id, "{}".getBytes(StandardCharsets.UTF_8),
                    ("{\"text\":\"note " + sequence + "\"}").getBytes(StandardCharsets.UTF_8),
                    NOW.plusSeconds(sequence).toString());
            chain(deal, sequence, "APPEND");
        }
    }

    /** Writes (or writes again) the hash row of one stored event over the deal's previous hash row. */
    void chain(String deal, long sequence, String chainedBy) {
        StoredEvent event = jdbc.queryForObject("SELECT " + StoredEvent.COLUMNS + " FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = ?", (row, n) -> StoredEvent.read(row), deal, sequence);
        byte[] previous = sequence == 0 ? EventChain.GENESIS : jdbc.queryForObject("SELECT hash FROM audit_event_hash"
                + " WHERE aggregateidentifier = ? AND sequencenumber = ?", byte[].class, deal, sequence - 1);
        jdbc.update("DELETE FROM audit_event_hash WHERE aggregateidentifier = ? AND sequencenumber = ?", deal, sequence);
        jdbc.update("INSERT INTO audit_event_hash (aggregateidentifier, sequencenumber, globalindex, eventidentifier,"
                        + " hash, chained_by) VALUES (?, ?, ?, ?, ?, ?)", deal, sequence, event.globalIndex(),
                event.eventIdentifier(), EventChain.hash(previous, event), chainedBy);
    }

    /** What a database administrator does who knows the chain: rewrites a payload and every hash row after it. */
    void rewriteAndRechain(String deal, long sequence, String payload) {
        jdbc.update("UPDATE domainevententry SET payload = ? WHERE aggregateidentifier = ? AND sequencenumber = ?",
                payload.getBytes(StandardCharsets.UTF_8), deal, sequence);
        List<Long> sequences = jdbc.queryForList("SELECT sequencenumber FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber >= ? ORDER BY sequencenumber", Long.class, deal, sequence);
        sequences.forEach(each -> chain(deal, each, "APPEND"));
    }

    void deleteEvent(String deal, long sequence) {
        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?", deal, sequence);
        jdbc.update("DELETE FROM audit_event_hash WHERE aggregateidentifier = ? AND sequencenumber = ?", deal, sequence);
    }

    void deleteDeal(String deal) {
        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ?", deal);
        jdbc.update("DELETE FROM audit_event_hash WHERE aggregateidentifier = ?", deal);
    }

    /** A checkpoint now at the highest chained index, as {@code POST /api/audit/checkpoints} writes it. */
    Checkpoint checkpoint() {
        return writer.write(store.maxGlobalIndex(), false).orElseThrow();
    }

    /** The walk of a verification: every deal the scope covers, its chain recomputed from the stored rows. */
    List<AuditProblem> verify(ChainWalkListener listener, VerificationScope scope) {
        listener.start(scope);
        List<String> deals = jdbc.queryForList("SELECT DISTINCT aggregateidentifier FROM domainevententry"
                + " ORDER BY aggregateidentifier", String.class);
        for (String deal : deals) {
            if (scope.deal() != null && !scope.deal().equals(deal)) {
                continue;
            }
            List<StoredEvent> events = jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domainevententry"
                    + " WHERE aggregateidentifier = ? ORDER BY sequencenumber", (row, n) -> StoredEvent.read(row), deal);
            List<Long> sequences = new ArrayList<>();
            List<byte[]> hashes = new ArrayList<>();
            byte[] previous = EventChain.GENESIS;
            for (StoredEvent event : events) {
                previous = EventChain.hash(previous, event);
                boolean covered = (scope.fromGlobalIndex() == null || event.globalIndex() >= scope.fromGlobalIndex())
                        && (scope.toGlobalIndex() == null || event.globalIndex() <= scope.toGlobalIndex());
                if (covered) {
                    sequences.add(event.sequenceNumber());
                    hashes.add(previous);
                }
            }
            if (!sequences.isEmpty()) {
                listener.deal(deal, sequences.stream().mapToLong(Long::longValue).toArray(),
                        hashes.toArray(byte[][]::new));
            }
        }
        return listener.finish();
    }

    List<AuditProblem> verify(ChainWalkListener listener) {
        return verify(listener, VerificationScope.everything());
    }
}
