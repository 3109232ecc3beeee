package org.pipelineledger.query.board;

import org.pipelineledger.pipeline.PipelineCatalog;

/**
 * Asks for the board of one pipeline: its open deals by stage. Answered with a {@link Board}; an unknown pipeline is
 * refused with {@code UNKNOWN_PIPELINE} (400).
 *
 * @param pipeline the pipeline key; {@code null} means {@value PipelineCatalog#DEFAULT_PIPELINE}
 */
public record FindBoard(String pipeline) {

    public FindBoard {
        pipeline = pipeline == null || pipeline.isBlank() ? PipelineCatalog.DEFAULT_PIPELINE : pipeline;
    }
}
