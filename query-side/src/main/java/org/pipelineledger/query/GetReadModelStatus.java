package org.pipelineledger.query;

/** Asks how far the read models have come. Answered with a {@link ReadModelStatus}. */
public record GetReadModelStatus() {
}
