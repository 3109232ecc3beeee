package org.pipelineledger.command.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of a checkpoint (ADR 0016, docs/audit-anchors.md): one leaf per deal, in Java {@link String} order of
 * the deal ids (UTF-16 code units, not any database collation), each {@code SHA-256(0x00 ‖ deal ‖ sequence ‖ hash)}
 * with every field length-prefixed as in {@link EventChain}; each node {@code SHA-256(0x01 ‖ left ‖ right)}. The 0x00
 * and 0x01 prefixes keep a leaf from passing for a node. A level with an odd count carries its last node up unchanged
 * rather than pairing it with itself, so no two different lists of leaves have the same root (duplicating would make
 * [a, b, c] and [a, b, c, c] equal). The root of no leaves is SHA-256 of nothing.
 */
final class MerkleTree {

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private MerkleTree() {
    }

    /** A deal's leaf: its id, its latest chained sequence number (as decimal text) and that event's hash. */
    static byte[] leaf(String deal, long sequence, byte[] hash) {
        MessageDigest sha256 = EventChain.sha256();
        sha256.update(LEAF);
        field(sha256, deal.getBytes(StandardCharsets.UTF_8));
        field(sha256, Long.toString(sequence).getBytes(StandardCharsets.US_ASCII));
        field(sha256, hash);
        return sha256.digest();
    }

    static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha256 = EventChain.sha256();
        sha256.update(NODE);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** The root over leaves already in the tree's order; the list is not changed. */
    static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return EventChain.sha256().digest();
        }
        List<byte[]> level = leaves;
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                up.add(node(level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                up.add(level.get(level.size() - 1));
            }
            level = up;
        }
        return level.get(0);
    }

    private static void field(MessageDigest sha256, byte[] bytes) {
        sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha256.update(bytes);
    }
}
