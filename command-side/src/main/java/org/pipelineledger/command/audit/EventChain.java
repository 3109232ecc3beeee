package org.pipelineledger.command.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain's hash of one stored event (ADR 0016): SHA-256 over a fixed tag, the hash of the deal's previous event
 * (32 zero bytes before its first) and every stored column that makes the event what it is: deal id, sequence number,
 * type, event id, payload type, revision, payload, metadata and timestamp (the record time; the business time,
 * {@code occurredAt}, is inside the payload). The global index is left out, so the chain names the deal's order, not
 * the store's numbering.
 * <p>
 * Each field is written as its length (four bytes, big-endian; -1 for {@code NULL}) and its bytes (UTF-8 for text,
 * the sequence number as decimal text), so no two different rows give the same input.
 */
public final class EventChain {

    /** The previous hash of a deal's first event. */
    public static final byte[] GENESIS = new byte[32];

    private static final byte[] TAG = "pipeline-ledger event chain v1\n".getBytes(StandardCharsets.UTF_8);

    private EventChain() {
    }

    /** The event's hash, chained over {@code previous} (the deal's previous event's hash, or {@link #GENESIS}). */
    public static byte[] hash(byte[] previous, StoredEvent event) {
        if (previous == null || previous.length != 32) {
            throw new IllegalArgumentException("the previous hash must be 32 bytes");
        }
        ByteArrayOutputStream input = new ByteArrayOutputStream(256 + length(event.payload())
                + length(event.metadata()));
        input.writeBytes(TAG);
        input.writeBytes(previous);
        field(input, event.aggregateIdentifier());
        field(input, Long.toString(event.sequenceNumber()));
        field(input, event.type());
        field(input, event.eventIdentifier());
        field(input, event.payloadType());
        field(input, event.payloadRevision());
        field(input, event.payload());
        field(input, event.metadata());
        field(input, event.timestamp());
        return sha256().digest(input.toByteArray());
    }

    /** Lower-case hexadecimal, as the API shows hashes. */
    public static String hex(byte[] hash) {
        return hash == null ? null : HexFormat.of().formatHex(hash);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void field(ByteArrayOutputStream input, String text) {
        field(input, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream input, byte[] bytes) {
        input.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            input.writeBytes(bytes);
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
