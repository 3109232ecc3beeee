package org.pipelineledger.bench;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition by checking it again and again, never by a fixed sleep. */
public final class Poll {

    public static final Duration TEN_MS = Duration.ofMillis(10);

    /** A condition to wait for; throwing ends the wait. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Poll() {
    }

    /** Checks {@code condition} every {@code every} until it holds (true) or {@code timeout} has passed (false). */
    public static boolean until(Duration timeout, Duration every, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(every.toNanos());
        }
        return true;
    }

    /** The seconds from now until {@code condition} holds, checked every {@code every}; empty after {@code timeout}. */
    public static OptionalDouble seconds(Duration timeout, Duration every, Condition condition) throws Exception {
        long start = System.nanoTime();
        return until(timeout, every, condition) ? OptionalDouble.of((System.nanoTime() - start) / 1e9) : OptionalDouble.empty();
    }
}
