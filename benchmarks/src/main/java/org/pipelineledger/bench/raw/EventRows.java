package org.pipelineledger.bench.raw;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Rows equivalent to what Axon's JdbcEventStorageEngine writes to domainevententry: the same columns, a JSON payload
 * of about 400 bytes and JSON metadata of about 150 bytes (actor, request and correlation ids, trace id), event ids
 * from the same identifier factory as the ledger's.
 */
public final class EventRows {

    static final String INSERT = "INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,"
            + " metadata, payload, payloadrevision, payloadtype, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int BATCH = 1_000;
    private static final String NOTE = "Spoke with procurement: they need the security questionnaire and two references "
            + "before the end of the quarter; champion is positive, budget holder not yet engaged. Follow up next week.";

    private EventRows() {
    }

    static void bind(PreparedStatement insert, String aggregateId, long sequence) throws SQLException {
        String now = Instant.now().toString();
        // the ledger's own identifier factory (time-ordered ids unless the ledger is told otherwise), so the unique
        // index on eventidentifier takes RAW's rows in the same order as the ledger's
        String eventId = IdentifierFactory.getInstance().generateIdentifier();
        String request = UUID.randomUUID().toString();
        String payload = "{\"opportunityId\":\"" + aggregateId + "\",\"text\":\"" + NOTE + " (" + sequence + ")\","
                + "\"occurredAt\":\"" + now + "\"}";
        String metadata = "{\"actor\":\"bench\",\"requestId\":\"" + request + "\",\"correlationId\":\"" + request
                + "\",\"traceId\":\"" + eventId + "\"}";
        insert.setString(1, aggregateId);
        insert.setLong(2, sequence);
        insert.setString(3, "Opportunity");
        insert.setString(4, eventId);
        insert.setBytes(5, metadata.getBytes(StandardCharsets.UTF_8));
        insert.setBytes(6, payload.getBytes(StandardCharsets.UTF_8));
        insert.setString(7, "1");
        insert.setString(8, "org.pipelineledger.events.NoteAdded");
        insert.setString(9, now);
    }

    /** One transaction per row: what one single-event command costs the database at the least. */
    public static void insertOne(Connection connection, String aggregateId, long sequence) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, aggregateId, sequence);
            insert.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Rows in batches of 1,000 per statement and per transaction, the aggregates in turn: the bound for appending. */
    public static long insertBatched(Connection connection, String aggregatePrefix, int aggregates, long rows)
            throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (long written = 0; written < rows; written++) {
                bind(insert, aggregatePrefix + (written % aggregates), written / aggregates);
                insert.addBatch();
                if ((written + 1) % BATCH == 0 || written + 1 == rows) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
        return rows;
    }
}
