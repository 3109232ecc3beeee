package org.pipelineledger.bench;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the read models' backlog (events stored but not yet projected) at a fixed interval while a measured phase
 * runs, on a thread of its own; a reading that fails is recorded as -1, one with no answer (no segment claimed) is
 * left out. Close it when the phase ends.
 */
public final class BacklogSampler implements AutoCloseable {

    private final List<Long> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private BacklogSampler() {
    }

    /** Reads {@code backlog} every {@code everyMs}, starting one interval from now. */
    public static BacklogSampler every(long everyMs, Callable<OptionalLong> backlog) {
        BacklogSampler sampler = new BacklogSampler();
        sampler.timer.scheduleAtFixedRate(() -> {
            try {
                backlog.call().ifPresent(sampler.samples::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                sampler.samples.add(-1L);
            }
        }, everyMs, everyMs, TimeUnit.MILLISECONDS);
        return sampler;
    }

    /** Samples nothing: for a phase whose read models are not running. */
    public static BacklogSampler off() {
        return new BacklogSampler();
    }

    public List<Long> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
