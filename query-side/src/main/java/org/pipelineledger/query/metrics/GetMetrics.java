package org.pipelineledger.query.metrics;

import java.time.LocalDate;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.support.Days;

/**
 * Asks for a pipeline's metrics over a period (docs/metrics.md). Answered with {@link PipelineMetrics}.
 *
 * @param pipeline the pipeline; {@code null} or blank for {@code default}. An unknown one is refused with
 *                 {@code UNKNOWN_PIPELINE} (400)
 * @param from     first day included (UTC, business time); {@code null} for no lower bound
 * @param to       last day included (UTC); {@code null} for up to now. A {@code to} before {@code from} is refused
 *                 with {@code INVALID_PERIOD} (400)
 * @param groupBy  what the rows are keyed by; {@code null} for one {@code total} row
 */
public record GetMetrics(String pipeline, LocalDate from, LocalDate to, MetricsGrouping groupBy) {

    public GetMetrics {
        pipeline = pipeline == null || pipeline.isBlank() ? PipelineCatalog.DEFAULT_PIPELINE : pipeline;
        Days.requirePeriod(from, to);
    }
}
