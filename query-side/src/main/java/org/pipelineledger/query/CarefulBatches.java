package org.pipelineledger.query;

import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Lets a failed read-model handler leave nothing behind at no cost while nothing fails (ADR 0012): a handler that
 * throws spoils its batch, which rolls back, and the next batch is careful, each handler in a savepoint
 * ({@link CarefulHandlers}), so the one that fails again is parked alone. With several segments, the next batch of
 * any segment is the careful one; a segment that missed it fails again and makes another.
 */
@Component
public class CarefulBatches {

    private static final String CAREFUL = CarefulBatches.class.getName() + ".careful";
    private static final String SPOILED = CarefulBatches.class.getName() + ".spoiled";

    /** Set by a failed batch; taken by the batch that starts next. */
    private final AtomicBoolean nextIsCareful = new AtomicBoolean();

    /**
     * Whether the current batch is a careful one; decided when the first handler of the batch asks. False outside a
     * unit of work and for a retried dead letter, which is handled in a transaction of its own that its failure rolls
     * back whole.
     */
    public boolean isCareful() {
        if (!isBatch()) {
            return false;
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(CAREFUL, key -> nextIsCareful.getAndSet(false));
    }

    /** A batch failed: the next one is careful. */
    public void afterAFailedBatch() {
        nextIsCareful.set(true);
    }

    /** Whether a handler runs in a processor's batch: in a unit of work, and not retrying a dead letter. */
    static boolean isBatch() {
        return CurrentUnitOfWork.isStarted()
                && !CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }

    /** Fails the current batch at commit: a handler may have changed some of it before it threw. */
    void spoil(Exception cause) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (batch.resources().putIfAbsent(SPOILED, cause) == null) {
            batch.onPrepareCommit(unitOfWork -> {
                throw new IllegalStateException("a read model's handler failed in this batch, which may hold its "
                        + "half-done writes; the batch is retried with each handler in a savepoint", cause);
            });
        }
        afterAFailedBatch();
    }
}
