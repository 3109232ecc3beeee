package org.pipelineledger.command.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The scheduled checkpoints (ADR 0016): every {@link #TICK} one indexed read of the highest chained global index and
 * of the latest checkpoint, and a checkpoint when {@link CheckpointSchedule} says one is due, on a background thread.
 * Every node of a shared database runs it; the checkpoint's number decides which of two writers wins.
 */
final class CheckpointJob implements SmartLifecycle {

    static final Duration TICK = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(CheckpointJob.class);

    private final CheckpointStore store;
    private final CheckpointWriter writer;
    private final CheckpointSchedule schedule;
    private final Clock clock;
    private final boolean enabled;
    private ScheduledExecutorService executor;

    CheckpointJob(CheckpointStore store, CheckpointWriter writer, CheckpointSettings settings, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.schedule = new CheckpointSchedule(settings);
        this.clock = clock;
        this.enabled = settings.enabled();
    }

    /** One tick: the checkpoint it wrote, if any. */
    Optional<Checkpoint> tick() {
        long max = store.maxGlobalIndex();
        Optional<Checkpoint> latest = store.latest();
        OptionalLong position = schedule.tick(clock.instant(), max,
                latest.map(Checkpoint::position).orElse(-1L), latest.map(Checkpoint::time).orElse(null));
        return position.isPresent() ? writer.write(position.getAsLong(), true) : Optional.empty();
    }

    private void tickAndLog() {
        try {
            tick().ifPresent(checkpoint -> log.debug("checkpoint {} at position {}: {} deals, {} events",
                    checkpoint.number(), checkpoint.position(), checkpoint.deals(), checkpoint.events()));
        } catch (RuntimeException e) {
            // the next tick tries again; a checkpoint later is a gap in time, not a break
            log.warn("Could not write a checkpoint, trying again in {}: {}", TICK, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (enabled && executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "audit-checkpoints");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::tickAndLog, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                // a checkpoint under way finishes before the connection pool closes under it
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
