package org.pipelineledger.query;

import java.time.Instant;
import java.util.List;

/**
 * How far the read models have come: the newest event in the store, where each event processor stands, and what it
 * could not project. The read models are eventually consistent; this says whether an answer read from them already
 * includes a given change, and whether some of them are stuck.
 *
 * @param head       global index of the newest stored event, -1 while the store is empty
 * @param upToDate   every processor has projected every stored event, none is failing and nothing is parked
 * @param processors one entry per event processor that feeds a read model, in the order of the first read model each
 *                   feeds (board, days-in-stage, slippage, reversions)
 * @param parked     the deals whose events a read model parked in its dead-letter queue (ADR 0012), by read model;
 *                   those read models do not show these deals' parked events until an administrator retries them
 * @param rebuilds   the latest rebuild of each read model that has had one (ADR 0019): its version, state
 *                   ({@code BUILDING}, {@code SWITCHED} or {@code FAILED}) and progress
 */
public record ReadModelStatus(long head, boolean upToDate, List<Processor> processors,
                              List<DeadLetters.ParkedDeal> parked, List<ReadModelRebuilds.Rebuild> rebuilds) {

    public ReadModelStatus {
        processors = List.copyOf(processors);
        parked = List.copyOf(parked);
        rebuilds = List.copyOf(rebuilds);
    }

    /** A status without rebuilds. */
    public ReadModelStatus(long head, boolean upToDate, List<Processor> processors, List<DeadLetters.ParkedDeal> parked) {
        this(head, upToDate, processors, parked, List.of());
    }

    /**
     * One event processor, feeding one or more read models (processing groups).
     *
     * @param name             the processor's name ({@code projections} when the read models share one)
     * @param processingGroups the read models it feeds
     * @param running          started and not shut down
     * @param upToDate         running, not failing, every segment claimed and at the head
     * @param position         global index of the last event its slowest segment has projected; null before its
     *                         first event or while no segment is claimed
     * @param behind           events stored but not yet projected by the slowest segment: head minus position
     *                         (before its first event, minus the position just before the oldest event), an upper
     *                         bound because positions left by rolled-back inserts count too; null while no segment
     *                         is claimed
     * @param segments         the segments laid out in the token store
     * @param claimedSegments  the segments this instance is working on now
     * @param failing          a batch failed and is being retried, or one of its read models has parked events
     * @param error            the failure of the batch being retried, null when none
     * @param parkedDeals      deals with parked events, over the read models it feeds
     */
    public record Processor(String name, List<String> processingGroups, boolean running, boolean upToDate,
                            Long position, Long behind, int segments, int claimedSegments, boolean failing,
                            Error error, long parkedDeals) {

        public Processor {
            processingGroups = List.copyOf(processingGroups);
        }
    }

    /**
     * Why a processor's batch failed: the root cause's type and message (without SQL; the log has the whole error).
     *
     * @param since when the failure was last seen
     */
    public record Error(String type, String message, Instant since) {
    }
}
