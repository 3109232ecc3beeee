package org.pipelineledger.command.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes checkpoint k + 1 over checkpoint k (ADR 0016): the deals whose latest chained event is newer than their head
 * become its leaves, and the root is taken over all heads. The heads of the latest checkpoint are kept in memory
 * (one entry per deal) and caught up from the stored leaves whenever another writer, another node or a restart moved
 * the latest checkpoint on; on any failure they are rebuilt.
 * <p>
 * The hash rows looked at are those after the latest <em>settled</em> checkpoint's position, not merely after the
 * latest checkpoint's: a checkpoint written on request at the current maximum may have passed over a transaction still
 * committing below it, and the next settled one picks that transaction's events up.
 * <p>
 * Two writers of one number: the primary key lets one win; the other writes nothing and answers nothing.
 */
final class CheckpointWriter {

    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);

    private final CheckpointStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private CheckpointHeads heads = new CheckpointHeads();

    CheckpointWriter(CheckpointStore store, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Writes the next checkpoint at {@code position}, unless no hash row lies between the latest checkpoint's position
     * and it.
     *
     * @param settled whether every transaction up to {@code position} has had the settle time to commit
     * @return the checkpoint written; empty when there was nothing new, or another writer took its number
     */
    synchronized Optional<Checkpoint> write(long position, boolean settled) {
        try {
            return transaction.execute(status -> writeInTransaction(position, settled));
        } catch (DuplicateKeyException lost) {
            log.debug("another writer wrote the checkpoint first: {}", lost.getMessage());
            heads = new CheckpointHeads();
            return Optional.empty();
        } catch (RuntimeException e) {
            heads = new CheckpointHeads();
            throw e;
        }
    }

    private Optional<Checkpoint> writeInTransaction(long position, boolean settled) {
        Optional<Checkpoint> latest = store.latest();
        long latestNumber = latest.map(Checkpoint::number).orElse(0L);
        long latestPosition = latest.map(Checkpoint::position).orElse(-1L);
        if (position <= latestPosition) {
            return Optional.empty();
        }
        catchUp(latestNumber);
        Map<String, CheckpointLeaf> newest = new HashMap<>();
        store.chained(store.latestSettledPosition(), position, row -> newest.merge(row.deal(), row,
                (one, other) -> one.sequence() >= other.sequence() ? one : other));
        List<CheckpointLeaf> leaves = new ArrayList<>();
        for (CheckpointLeaf leaf : newest.values()) {
            CheckpointHeads.Head head = heads.head(leaf.deal());
            if (head == null || leaf.sequence() > head.leaf().sequence()) {
                leaves.add(leaf);
            }
        }
        if (leaves.isEmpty()) {
            return Optional.empty();
        }
        long number = latestNumber + 1;
        leaves.forEach(leaf -> heads.put(leaf, number));
        Checkpoint checkpoint = Checkpoint.of(number, position, clock.instant(), heads.events(),
                heads.size(), heads.root(), latest.map(Checkpoint::hash).orElse(EventChain.GENESIS), settled);
        store.insert(checkpoint, leaves);
        heads.at(checkpoint.number());
        return Optional.of(checkpoint);
    }

    /** Brings the heads to checkpoint {@code number}, from scratch if they are past it. */
    private void catchUp(long number) {
        if (heads.checkpoint() > number) {
            heads = new CheckpointHeads();
        }
        if (heads.checkpoint() < number) {
            store.leaves(heads.checkpoint(), number, leaf -> heads.put(leaf.leaf(), leaf.checkpoint()));
            heads.at(number);
        }
    }
}
