package org.pipelineledger.command.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every deal's head (its latest checkpointed leaf) as of one checkpoint: the heads of checkpoint k are those of k - 1
 * with k's leaves put over them (ADR 0016). Memory is one entry per deal, each with its Merkle leaf hash, so that a
 * root costs one SHA-256 per changed leaf and one per inner node. Not thread-safe.
 */
final class CheckpointHeads {

    /** A deal's head and the checkpoint whose leaf it is. */
    record Head(CheckpointLeaf leaf, long checkpoint, byte[] merkleLeaf) {
    }

    /** String order: the tree's order (MerkleTree), whatever the database's collation. */
    private final TreeMap<String, Head> heads = new TreeMap<>();
    private long checkpoint;
    private long events;

    /** The checkpoint these are the heads of; 0 before the first. */
    long checkpoint() {
        return checkpoint;
    }

    /** Puts a leaf of {@code number} over the deal's head. */
    void put(CheckpointLeaf leaf, long number) {
        Head before = heads.put(leaf.deal(), new Head(leaf, number, leaf.merkleLeaf()));
        events += leaf.sequence() + 1 - (before == null ? 0 : before.leaf().sequence() + 1);
    }

    /** After the leaves of {@code number} are put. */
    void at(long number) {
        checkpoint = number;
    }

    Head head(String deal) {
        return heads.get(deal);
    }

    /** A copy of the heads as they are now. */
    Map<String, Head> snapshot() {
        return new HashMap<>(heads);
    }

    Iterable<String> deals() {
        return heads.keySet();
    }

    int size() {
        return heads.size();
    }

    /** The events the heads chain: each head's sequence number plus one. */
    long events() {
        return events;
    }

    byte[] root() {
        List<byte[]> leaves = new ArrayList<>(heads.size());
        heads.values().forEach(head -> leaves.add(head.merkleLeaf()));
        return MerkleTree.root(leaves);
    }
}
