package org.pipelineledger.command.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps every idempotency record for {@link #RETENTION} and removes it within {@link #EVERY} after that: one indexed
 * range delete on a background thread every {@link #EVERY}, never a request's work. Every node of a shared database
 * purges; a delete that finds the rows already gone removes nothing, and one that fails is tried again next time.
 */
final class IdempotencyPurge implements SmartLifecycle {

    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration EVERY = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyRecords records;
    private final Clock clock;
    private ScheduledExecutorService executor;

    IdempotencyPurge(IdempotencyRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    /** Removes the records older than the retention. */
    int purge() {
        return records.purgeOlderThan(clock.instant().minus(RETENTION));
    }

    private void purgeAndLog() {
        try {
            int purged = purge();
            if (purged > 0) {
                log.debug("Removed {} idempotency records older than {}", purged, RETENTION);
            }
        } catch (RuntimeException e) {
            // the records stay until the next run; nothing depends on them being gone
            log.warn("Could not remove old idempotency records, trying again in {}: {}", EVERY, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "idempotency-purge");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::purgeAndLog, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                // a purge under way finishes before the connection pool closes under it
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
