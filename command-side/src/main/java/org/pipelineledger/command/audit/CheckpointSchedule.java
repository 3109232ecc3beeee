package org.pipelineledger.command.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * When the scheduled job writes a checkpoint, and at which position (ADR 0016). A transaction holding global index 99
 * can commit after the one holding 100: the highest index seen now is not yet safe to cover. So every tick remembers
 * the (time, highest index) it saw, and the position is the highest index seen at least {@code settle} ago. A
 * checkpoint is due {@code interval} after the latest one, or sooner once the settled position is {@code events}
 * past it (the global index counts appends, so this needs no count over the table). Memory: the ticks of one settle
 * time. Not thread-safe: one job calls it.
 */
final class CheckpointSchedule {

    private record Seen(Instant time, long max) {
    }

    private final CheckpointSettings settings;
    /** The ticks not yet settled, oldest first. */
    private final Deque<Seen> seen = new ArrayDeque<>();
    /** The newest tick seen at least a settle time ago. */
    private Seen newestSettled;

    CheckpointSchedule(CheckpointSettings settings) {
        this.settings = settings;
    }

    /**
     * One tick.
     *
     * @param max            the highest global index chained now
     * @param latestPosition the latest checkpoint's position, -1 for none
     * @param latestTime     the latest checkpoint's time, {@code null} for none
     * @return the position to write a checkpoint at now, if one is due and there is something new
     */
    OptionalLong tick(Instant now, long max, long latestPosition, Instant latestTime) {
        seen.addLast(new Seen(now, max));
        Instant settledBy = now.minus(settings.settle());
        while (!seen.isEmpty() && !seen.peekFirst().time().isAfter(settledBy)) {
            newestSettled = seen.removeFirst();
        }
        if (newestSettled == null || newestSettled.max() <= latestPosition) {
            return OptionalLong.empty();
        }
        long settled = newestSettled.max();
        boolean due = latestTime == null
                || !Duration.between(latestTime, now).minus(settings.interval()).isNegative()
                || settled - latestPosition >= settings.events();
        return due ? OptionalLong.of(settled) : OptionalLong.empty();
    }
}
