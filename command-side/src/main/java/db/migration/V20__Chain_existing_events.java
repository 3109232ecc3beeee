package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.pipelineledger.command.audit.ChainedBy;
import org.pipelineledger.command.audit.EventChain;
import org.pipelineledger.command.audit.StoredEvent;

/**
 * Chains, once, every event stored before the chain existed (issue 21, docs/adr/0016-tamper-evident-ledger.md): deal
 * by deal in sequence order, each hash over the one before it, marked {@code MIGRATION}, and says so in
 * {@code audit_chain_migration} (when, how many events and deals). A store created with the chain has no such event,
 * and this writes nothing at all.
 * <p>
 * The events are read as one stream in (deal, sequence) order and their hashes written in batches, so only the
 * deal's previous hash and one batch are in memory, whatever the size of the store. The hash is over the rows as
 * stored, exactly what verification recomputes: chaining a store proves nothing about what it held before; from
 * here on, every change is seen.
 */
public class V20__Chain_existing_events extends BaseJavaMigration {

    static final String NAME = "V20__Chain_existing_events";
    private static final int BATCH = 1000;

    private static final String UNCHAINED = "SELECT " + prefixed("e", StoredEvent.COLUMNS)
            + " FROM domainevententry e WHERE NOT EXISTS (SELECT 1 FROM audit_event_hash h"
            + " WHERE h.aggregateidentifier = e.aggregateidentifier AND h.sequencenumber = e.sequencenumber)"
            + " ORDER BY e.aggregateidentifier, e.sequencenumber";

    @Override
    public void migrate(Context context) throws SQLException {
        // Flyway's connection, in Flyway's transaction: all or nothing; not closed here
        Connection connection = context.getConnection();
        long events = 0;
        long deals = 0;
        try (PreparedStatement read = connection.prepareStatement(UNCHAINED);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_event_hash"
                     + " (aggregateidentifier, sequencenumber, globalindex, eventidentifier, hash, chained_by)"
                     + " VALUES (?, ?, ?, ?, ?, ?)")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery()) {
                String deal = null;
                byte[] previous = null;
                while (rows.next()) {
                    StoredEvent event = StoredEvent.read(rows);
                    if (!event.aggregateIdentifier().equals(deal)) {
                        deal = event.aggregateIdentifier();
                        previous = startOf(connection, deal, event.sequenceNumber());
                        deals++;
                    }
                    previous = EventChain.hash(previous, event);
                    insert.setString(1, event.aggregateIdentifier());
                    insert.setLong(2, event.sequenceNumber());
                    insert.setLong(3, event.globalIndex());
                    insert.setString(4, event.eventIdentifier());
                    insert.setBytes(5, previous);
                    insert.setString(6, ChainedBy.MIGRATION.name());
                    insert.addBatch();
                    if (++events % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
            }
            if (events % BATCH != 0) {
                insert.executeBatch();
            }
        }
        if (events > 0) {
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO audit_chain_migration (migration, chained_at, events, deals) VALUES (?, ?, ?, ?)")) {
                record.setString(1, NAME);
                record.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                record.setLong(3, events);
                record.setLong(4, deals);
                record.executeUpdate();
            }
        }
    }

    /**
     * The hash the deal's first unchained event is chained over: zeros at sequence 0, else the stored hash just
     * before it (a store half chained by hand), else zeros, which verification then reports as the break it is.
     */
    private static byte[] startOf(Connection connection, String deal, long sequence) throws SQLException {
        if (sequence == 0) {
            return EventChain.GENESIS;
        }
        try (PreparedStatement before = connection.prepareStatement(
                "SELECT hash FROM audit_event_hash WHERE aggregateidentifier = ? AND sequencenumber = ?")) {
            before.setString(1, deal);
            before.setLong(2, sequence - 1);
            try (ResultSet found = before.executeQuery()) {
                return found.next() ? found.getBytes(1) : EventChain.GENESIS;
            }
        }
    }

    private static String prefixed(String alias, String columns) {
        return Arrays.stream(columns.split(",")).map(column -> alias + "." + column.trim())
                .collect(Collectors.joining(", "));
    }
}
