package org.pipelineledger.query.flow;

/**
 * Asks how the pipeline of a window (the open deals whose close date lies in it) changed during the window. Answered
 * with {@link Waterfall}.
 *
 * @param pipeline the pipeline's key, null for {@code default}; an unknown one is 400 {@code UNKNOWN_PIPELINE}
 */
public record GetWaterfall(String pipeline, Window window) {
}
