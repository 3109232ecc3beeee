package org.pipelineledger.bench.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Latency;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemKind;

/**
 * Closed-loop clients: {@code threads} threads send {@code total} commands between them, each to a random deal
 * (seeded, so every variant gets the same sequence), and record every command's latency.
 */
public final class ClientPhase {

    /** Axon's optimistic-locking family: two appends raced for the same aggregate sequence number. */
    private static final Set<String> AXON_CONFLICTS =
            Set.of("ConcurrencyException", "ConflictingAggregateVersionException", "AggregateStreamCreationException");

    /** Sends the n-th command on a deal; returns normally when it was accepted. */
    @FunctionalInterface
    public interface Sender {
        void send(int deal, long n) throws Exception;
    }

    /**
     * What a phase did. {@code perSecondByTenth}: the rate in each tenth of the phase (commands started per second
     * between the starts of its first and of the next tenth's first command), which shows whether a run had reached
     * a steady state; empty for phases of fewer than 10 commands.
     */
    public record Result(long accepted, long conflicts, long errors, double seconds, Histogram latency,
            List<String> errorSamples, List<Long> perSecondByTenth) {
        public double perSecond() {
            return accepted / seconds;
        }

        /** A measured phase's figures: its rate, latency and conflicts (with the warm-up's), its errors. */
        public void reportMeasured(ChildResult result, Result warmup) {
            reportErrors(result, "measured");
            result.metric("cmds_per_s", perSecond());
            Latency.report(result, "", latency);
            result.metric("conflicts", conflicts + warmup.conflicts());
            result.info("seconds", seconds);
            result.info("cmds_per_s_by_tenth", perSecondByTenth);
        }

        /** Counts the phase's errors in {@code result}, with their samples as {@code <phase>_errorSamples}. */
        public void reportErrors(ChildResult result, String phase) {
            if (errors > 0) {
                result.errors(errors);
                result.info(phase + "_errorSamples", errorSamples);
            }
        }
    }

    /** Creates one deal; returns normally when it was accepted. */
    @FunctionalInterface
    public interface Creator {
        void create(int deal) throws Exception;
    }

    private ClientPhase() {
    }

    /** Creates deals 0 to {@code deals - 1}: a single counter hands out the deal numbers to the threads. */
    public static Result create(int threads, int deals, Creator creator) throws Exception {
        return run(threads, deals, 1, new AtomicLongArray(1), 7, (ignored, n) -> creator.create((int) n));
    }

    public static Result run(int threads, long total, int deals, AtomicLongArray counters, long seed, Sender sender)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong remaining = new AtomicLong(total);
        AtomicLong conflicts = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        List<Future<Histogram>> workers = new ArrayList<>();
        long tenth = total / 10;
        AtomicLongArray tenthStarted = new AtomicLongArray(11);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + t);
            workers.add(pool.submit(() -> {
                Histogram histogram = Latency.histogram();
                long left;
                while ((left = remaining.getAndDecrement()) > 0) {
                    long index = total - left;
                    if (tenth > 0 && index % tenth == 0 && index / tenth < 10) {
                        tenthStarted.set((int) (index / tenth), System.nanoTime());
                    }
                    int deal = random.nextInt(deals);
                    long n = counters.getAndIncrement(deal);
                    long sent = System.nanoTime();
                    try {
                        sender.send(deal, n);
                        Latency.record(histogram, System.nanoTime() - sent);
                    } catch (Exception e) {
                        if (isConflict(e)) {
                            conflicts.incrementAndGet();
                        } else if (errors.incrementAndGet() <= 5) {
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
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        pool.shutdown();
        tenthStarted.set(10, end);
        List<Long> byTenth = new ArrayList<>();
        for (int i = 0; tenth > 0 && i < 10; i++) {
            byTenth.add(Math.round(tenth / ((tenthStarted.get(i + 1) - tenthStarted.get(i)) / 1e9)));
        }
        return new Result(merged.getTotalCount(), conflicts.get(), errors.get(), seconds, merged, List.copyOf(samples),
                List.copyOf(byTenth));
    }

    /** Conflicts are counted as the issue asks; anything else is an error. */
    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof LedgerException ledger) {
                return ledger.kind() == ProblemKind.CONFLICT;
            }
            if (AXON_CONFLICTS.contains(t.getClass().getSimpleName())) {
                return true;
            }
        }
        return false;
    }
}
