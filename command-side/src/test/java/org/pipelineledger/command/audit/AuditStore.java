package org.pipelineledger.command.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event store of its own for each test: H2 in memory, migrated by the command side's Flyway scripts (V20
 * included), with events written as Axon's JDBC engine stores them and chained as {@link ChainingStorageEngine} chains
 * them, so that a test can tamper with its rows directly.
 */
final class AuditStore {

    static final String PAYLOAD_TYPE = "org.pipelineledger.events.NoteAdded";

    final JdbcTemplate jdbc;
    private final JdbcDataSource dataSource;

    private AuditStore(JdbcDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A store migrated to the latest version. */
    static AuditStore migrated() {
        AuditStore store = fresh();
        store.migrations().load().migrate();
        return store;
    }

    /** A store as a release before the chain left it, after V19 and before V20. */
    static AuditStore before(String version) {
        AuditStore store = fresh();
        store.migrations().target(version).load().migrate();
        return store;
    }

    private static AuditStore fresh() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new AuditStore(h2);
    }

    void migrateToLatest() {
        migrations().load().migrate();
    }

    private FluentConfiguration migrations() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    ChainVerifier verifier(ChainWalkListener... listeners) {
        return new ChainVerifier(jdbc, List.of(listeners), Clock.systemUTC(), null);
    }

    VerificationResult verify() {
        return verifier().verify(VerificationScope.everything());
    }

    /** A new deal with {@code events} notes, unchained: as a store before the chain holds them. */
    String unchainedDeal(int events) {
        String deal = "deal-" + UUID.randomUUID();
        for (int sequence = 0; sequence < events; sequence++) {
            insert(deal, sequence, "note " + sequence);
        }
        return deal;
    }

    /** A new deal with {@code events} notes, each chained as it is appended. */
    String deal(int events) {
        String deal = unchainedDeal(events);
        chain(deal);
        return deal;
    }

    /** Appends a note to a deal without chaining it, as an intruder's INSERT would. */
    void insert(String deal, long sequence, String text) {
        Instant time = Instant.parse("2026-11-30T10:00:00Z").plusSeconds(sequence * 60);
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,"
                        + " payload, payloadrevision, payloadtype, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                deal, sequence, "Opportunity", UUID.randomUUID().toString(),
                ("{\"actor\":\"rep\",\"requestId\":\"req-" + sequence + "\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"id\":\"" + deal + "\",\"text\":\"" + text + "\",\"occurredAt\":\"" + time + "\"}")
                        .getBytes(StandardCharsets.UTF_8), "1", PAYLOAD_TYPE, time.toString());
    }

    /** Chains the deal's unchained events in sequence order, as the storage engine does. */
    void chain(String deal) {
        byte[] previous = EventChain.GENESIS;
        for (StoredEvent event : events(deal)) {
            List<byte[]> stored = jdbc.query("SELECT hash FROM audit_event_hash WHERE aggregateidentifier = ?"
                    + " AND sequencenumber = ?", (row, n) -> row.getBytes(1), deal, event.sequenceNumber());
            if (stored.isEmpty()) {
                byte[] hash = EventChain.hash(previous, event);
                jdbc.update("INSERT INTO audit_event_hash (aggregateidentifier, sequencenumber, globalindex,"
                                + " eventidentifier, hash, chained_by) VALUES (?, ?, ?, ?, ?, ?)", deal,
                        event.sequenceNumber(), event.globalIndex(), event.eventIdentifier(), hash,
                        ChainedBy.APPEND.name());
                previous = hash;
            } else {
                previous = stored.get(0);
            }
        }
    }

    List<StoredEvent> events(String deal) {
        return new ArrayList<>(jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domainevententry"
                + " WHERE aggregateidentifier = ? ORDER BY sequencenumber", (row, n) -> StoredEvent.read(row), deal));
    }

    long globalIndex(String deal, long sequence) {
        return jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND sequencenumber = ?", Long.class, deal, sequence);
    }

    /** Flips one byte of a binary column of one event, in place. */
    void flipByte(String column, String deal, long sequence, int at) {
        byte[] bytes = jdbc.queryForObject("SELECT " + column + " FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND sequencenumber = ?", byte[].class, deal, sequence);
        bytes[at] ^= 0x01;
        jdbc.update("UPDATE domainevententry SET " + column + " = ? WHERE aggregateidentifier = ? AND sequencenumber = ?",
                bytes, deal, sequence);
    }
}
