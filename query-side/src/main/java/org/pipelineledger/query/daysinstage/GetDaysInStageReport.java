package org.pipelineledger.query.daysinstage;

import org.pipelineledger.pipeline.PipelineCatalog;

/**
 * Asks for the time-in-stage statistics of one pipeline. Answered with {@link DaysInStageReport}; an unknown pipeline
 * is refused with {@code UNKNOWN_PIPELINE} (400).
 *
 * @param pipeline the pipeline key; {@code null} means {@value PipelineCatalog#DEFAULT_PIPELINE}
 */
public record GetDaysInStageReport(String pipeline) {

    public GetDaysInStageReport {
        pipeline = pipeline == null || pipeline.isBlank() ? PipelineCatalog.DEFAULT_PIPELINE : pipeline;
    }
}
