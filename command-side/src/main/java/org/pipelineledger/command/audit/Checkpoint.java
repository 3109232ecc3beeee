package org.pipelineledger.command.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * One checkpoint over every deal's chain (ADR 0016, docs/audit-anchors.md).
 *
 * @param number   1, 2, 3...: the checkpoints' own order
 * @param position the highest global index it covers: every hash row up to it was committed when it was written
 * @param time     when it was written, to the millisecond
 * @param events   the events its deals' heads chain: the sum of each head's sequence number plus one
 * @param deals    the deals it names, one leaf each
 * @param root     the {@link MerkleTree} root over every deal's head as of {@code position}
 * @param previous the previous checkpoint's hash; {@link EventChain#GENESIS} for the first
 * @param hash     SHA-256 of {@link #hashedText()}
 * @param settled  whether the scheduled job wrote it at a settled position (not hashed)
 */
record Checkpoint(long number, long position, Instant time, long events, long deals, byte[] root,
                         byte[] previous, byte[] hash, boolean settled) {

    /** Milliseconds always written, so that the text of a time has one form. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final String TAG = "pipeline-ledger checkpoint v1";

    /** A new checkpoint with its hash computed; the time is cut to milliseconds, as the database keeps it. */
    static Checkpoint of(long number, long position, Instant time, long events, long deals, byte[] root,
                         byte[] previous, boolean settled) {
        Instant millis = time.truncatedTo(ChronoUnit.MILLIS);
        return new Checkpoint(number, position, millis, events, deals, root, previous,
                hashOf(number, position, millis, events, deals, root, previous), settled);
    }

    /**
     * The text the hash is SHA-256 of: one {@code name: value} line per field, each ending with a line feed, hashes
     * in lower-case hexadecimal. No field can hold a line feed, so the text reads back one way only; an auditor can
     * recompute it with {@code sha256sum}.
     */
    public String hashedText() {
        return hashedText(number, position, time, events, deals, root, previous);
    }

    /** Whether the stored hash is the one its fields give. */
    public boolean hashIsIntact() {
        return Arrays.equals(hash, hashOf(number, position, time, events, deals, root, previous));
    }

    public String timeText() {
        return TIME.format(time);
    }

    private static byte[] hashOf(long number, long position, Instant time, long events, long deals, byte[] root,
                                 byte[] previous) {
        return EventChain.sha256().digest(hashedText(number, position, time, events, deals, root, previous)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String hashedText(long number, long position, Instant time, long events, long deals, byte[] root,
                                     byte[] previous) {
        return TAG + "\n"
                + "number: " + number + "\n"
                + "position: " + position + "\n"
                + "time: " + TIME.format(time) + "\n"
                + "events: " + events + "\n"
                + "deals: " + deals + "\n"
                + "root: " + EventChain.hex(root) + "\n"
                + "previous: " + EventChain.hex(previous) + "\n";
    }
}
