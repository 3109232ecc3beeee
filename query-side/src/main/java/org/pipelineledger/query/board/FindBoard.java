package org.pipelineledger.query.board;

import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * Asks for the board of one pipeline: its open deals by stage, each stage with its count and total and its first
 * cards. Answered with a {@link Board}; an unknown pipeline is refused with {@code UNKNOWN_PIPELINE} (400).
 *
 * @param pipeline      the pipeline key; {@code null} means {@value PipelineCatalog#DEFAULT_PIPELINE}
 * @param cardsPerStage cards shown per stage, 0 (counts and totals only) to {@value #MAX_CARDS_PER_STAGE};
 *                      {@code null} means {@value #DEFAULT_CARDS_PER_STAGE}; anything else is refused with
 *                      {@code INVALID_LIMIT} (400). A stage with more open deals says where its next page starts
 *                      ({@link FindBoardCards})
 * @param owner         only this owner's deals, counts and totals ("my deals"); {@code null} for everyone's. The stages'
 *                      average stays, which decide what is stale, are the whole pipeline's either way
 */
public record FindBoard(String pipeline, Integer cardsPerStage, String owner) {

    public static final int DEFAULT_CARDS_PER_STAGE = 100;
    public static final int MAX_CARDS_PER_STAGE = 1000;

    public FindBoard {
        pipeline = pipeline == null || pipeline.isBlank() ? PipelineCatalog.DEFAULT_PIPELINE : pipeline;
        cardsPerStage = cardsPerStage == null ? DEFAULT_CARDS_PER_STAGE : cardsPerStage;
        owner = owner == null || owner.isBlank() ? null : owner;
        if (cardsPerStage < 0 || cardsPerStage > MAX_CARDS_PER_STAGE) {
            throw new LedgerException(ProblemCode.INVALID_LIMIT,
                    "cardsPerStage must be between 0 and " + MAX_CARDS_PER_STAGE + ", was " + cardsPerStage);
        }
    }

    /** Everyone's deals. */
    public FindBoard(String pipeline, Integer cardsPerStage) {
        this(pipeline, cardsPerStage, null);
    }

    /** Everyone's deals, with the default number of cards per stage. */
    public FindBoard(String pipeline) {
        this(pipeline, null, null);
    }
}
