package org.pipelineledger.query.slippage;

import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * Asks for the deals whose close date slipped the most. Answered with {@link SlippageReport}.
 *
 * @param pipeline only deals of this pipeline; {@code null} for all pipelines. An unknown pipeline is refused with
 *                 {@code UNKNOWN_PIPELINE} (400)
 * @param limit    how many deals at most, 1 to {@value #MAX_LIMIT}; {@code null} means {@value #DEFAULT_LIMIT}.
 *                 Anything else is refused with {@code INVALID_LIMIT} (400)
 */
public record GetSlippageReport(String pipeline, Integer limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public GetSlippageReport {
        pipeline = pipeline == null || pipeline.isBlank() ? null : pipeline;
        limit = limit == null ? DEFAULT_LIMIT : limit;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new LedgerException(ProblemCode.INVALID_LIMIT,
                    "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}
