package org.pipelineledger.command.audit;

/**
 * One row of {@code domainevententry} exactly as stored: what the chain's hash is computed over. Byte arrays are the
 * stored bytes, strings the stored text; {@code null} where the column is {@code NULL}.
 */
public record StoredEvent(
        long globalIndex,
        String aggregateIdentifier,
        long sequenceNumber,
        String type,
        String eventIdentifier,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metadata,
        String timestamp) {

    /** The columns in the order of {@link #COLUMNS}, for a query that maps rows with {@link #read}. */
    public static final String COLUMNS = "globalindex, aggregateidentifier, sequencenumber, type, eventidentifier,"
            + " payloadtype, payloadrevision, payload, metadata, timestamp";

    /** Reads the columns of {@link #COLUMNS}, in that order, from the current row. */
    public static StoredEvent read(java.sql.ResultSet row) throws java.sql.SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), row.getBytes(8), row.getBytes(9), row.getString(10));
    }
}
