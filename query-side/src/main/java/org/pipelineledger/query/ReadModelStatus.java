package org.pipelineledger.query;

import java.util.List;

/**
 * How far the read models have come: the newest event in the store and where each event processor stands. The read
 * models are eventually consistent; this says whether an answer read from them already includes a given change.
 *
 * @param head       global index of the newest stored event, -1 while the store is empty
 * @param upToDate   every processor has projected every stored event
 * @param processors one entry per event processor that feeds a read model, in the order of the first read model each
 *                   feeds (board, days-in-stage, slippage, reversions)
 */
public record ReadModelStatus(long head, boolean upToDate, List<Processor> processors) {

    public ReadModelStatus {
        processors = List.copyOf(processors);
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
     * @param failing          a segment is in error and retrying (the application log says why)
     */
    public record Processor(String name, List<String> processingGroups, boolean running, boolean upToDate,
                            Long position, Long behind, int segments, int claimedSegments, boolean failing) {

        public Processor {
            processingGroups = List.copyOf(processingGroups);
        }
    }
}
