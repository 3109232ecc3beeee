package org.pipelineledger.bench.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.pipelineledger.bench.Latency;

/**
 * Closed-loop clients: {@code threads} threads send {@code total} commands between them, each to a random deal
 * (seeded, so every variant gets the same sequence), and record every command's latency.
 */
public final class ClientPhase {

    /** Sends the n-th command on a deal; returns normally when it was accepted. */
    @FunctionalInterface
    public interface Sender {
        void send(int deal, long n) throws Exception;
    }

    public record Result(long accepted, long conflicts, long errors, double seconds, Histogram latency, List<String> errorSamples) {
        public double perSecond() {
            return accepted / seconds;
        }
    }

    private ClientPhase() {
    }

    public static Result run(int threads, long total, int deals, AtomicLongArray counters, long seed, Sender sender)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong remaining = new AtomicLong(total);
        AtomicLong conflicts = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        List<Future<Histogram>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + t);
            workers.add(pool.submit(() -> {
                Histogram histogram = Latency.histogram();
                while (remaining.getAndDecrement() > 0) {
                    int deal = random.nextInt(deals);
                    long n = counters.getAndIncrement(deal);
                    long sent = System.nanoTime();
                    try {
                        sender.send(deal, n);
                        Latency.record(histogram, System.nanoTime() - sent);
                    } catch (Exception e) {
                        Outcome outcome = Outcome.of(e);
                        (outcome == Outcome.CONFLICT ? conflicts : errors).incrementAndGet();
                        if (outcome == Outcome.ERROR && samples.size() < 5) {
                            samples.add(e.toString());
                        }
                    }
                }
                return histogram;
            }));
        }
        Histogram merged = Latency.histogram();
        for (Future<Histogram> worker : workers) {
            merged.add(worker.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(merged.getTotalCount(), conflicts.get(), errors.get(), seconds, merged, List.copyOf(samples));
    }
}
