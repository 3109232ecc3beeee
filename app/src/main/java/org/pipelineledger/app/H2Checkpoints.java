package org.pipelineledger.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Durable commits on H2 (ADR 0013). H2 writes a committed change to its file up to its write delay later (500 ms by
 * default), from a background thread that also compacts the file; a {@code kill -9} in between loses acknowledged
 * events. After each commit that appended events, the committing thread waits for a {@code CHECKPOINT}, which writes
 * every change committed so far to the file (to the operating system, which keeps it when the process dies), or with
 * {@code fsync} a {@code CHECKPOINT SYNC}, which also forces it to the disk (for power loss).
 * <p>
 * Group commit: concurrent commits share one checkpoint. A thread that finds none running starts one, covering every
 * commit counted before it started; a thread that finds one running waits for it and, if its own commit came too late
 * to be covered, takes the next. H2's write delay stays as it is, so its background thread keeps compacting the file
 * ({@code WRITE_DELAY=0} would write on every commit, the read models' too, and stop that thread).
 */
final class H2Checkpoints implements DurableCommits {

    private final DataSource dataSource;
    private final String statement;

    private final Object lock = new Object();
    /** Commits that asked to be made durable, in the order they asked. Guarded by {@link #lock}. */
    private long requested;
    /** Every commit up to this number is durable. Guarded by {@link #lock}. */
    private long covered;
    /** A checkpoint is being written. Guarded by {@link #lock}. */
    private boolean running;

    private final LongAdder commits = new LongAdder();
    private final LongAdder checkpoints = new LongAdder();

    H2Checkpoints(DataSource dataSource, boolean fsync) {
        this.dataSource = dataSource;
        this.statement = fsync ? "CHECKPOINT SYNC" : "CHECKPOINT";
    }

    @Override
    public void awaitDurable() {
        long upTo;
        synchronized (lock) {
            long ticket = ++requested;
            while (true) {
                if (covered >= ticket) {
                    commits.increment();
                    return;
                }
                if (!running) {
                    break;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the commit to reach the disk", e);
                }
            }
            running = true;
            upTo = requested;
        }
        boolean written = false;
        try {
            checkpoint();
            written = true;
        } finally {
            synchronized (lock) {
                running = false;
                if (written) {
                    covered = Math.max(covered, upTo);
                }
                lock.notifyAll();
            }
        }
        commits.increment();
        checkpoints.increment();
    }

    /** The statement each checkpoint runs: {@code CHECKPOINT} or {@code CHECKPOINT SYNC}. */
    String statement() {
        return statement;
    }

    /** Commits made durable so far, and the checkpoints that did it: their ratio is the mean group size. */
    long commits() {
        return commits.sum();
    }

    long checkpoints() {
        return checkpoints.sum();
    }

    /** Which statement, and how many commits so far shared how many checkpoints (the benchmark reports it). */
    @Override
    public String toString() {
        return "H2Checkpoints(" + statement + ", " + commits() + " commits in " + checkpoints() + " checkpoints)";
    }

    private void checkpoint() {
        // a connection of its own, from the pool: the waiting commits have returned theirs already
        try (Connection connection = dataSource.getConnection(); Statement checkpoint = connection.createStatement()) {
            checkpoint.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("H2 could not write the committed events to its file (" + statement + ")",
                    e);
        }
    }
}
