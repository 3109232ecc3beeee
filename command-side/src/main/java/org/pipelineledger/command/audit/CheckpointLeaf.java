package org.pipelineledger.command.audit;

/**
 * A deal's latest chained event as a checkpoint saw it: one row of {@code audit_checkpoint_leaf}.
 *
 * @param globalIndex the event's global index, to tell whether a verification limited to a range covers it; not
 *                    part of the leaf's hash
 */
record CheckpointLeaf(String deal, long sequence, byte[] hash, long globalIndex) {

    /** The leaf's hash in the {@link MerkleTree}. */
    byte[] merkleLeaf() {
        return MerkleTree.leaf(deal, sequence, hash);
    }
}
