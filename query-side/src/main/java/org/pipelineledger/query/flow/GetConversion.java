package org.pipelineledger.query.flow;

/**
 * Asks for stage-to-stage conversion of the deals that entered each stage in a window. Answered with
 * {@link ConversionReport}.
 *
 * @param pipeline the pipeline's key, null for {@code default}; an unknown one is 400 {@code UNKNOWN_PIPELINE}
 */
public record GetConversion(String pipeline, Window window) {
}
