package org.pipelineledger.query.board;

import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * Asks for the next page of one stage's cards, after the board (or an earlier page) ended with a cursor. Answered
 * with {@link BoardCards}.
 *
 * @param pipeline the pipeline key; {@code null} means {@value PipelineCatalog#DEFAULT_PIPELINE}; an unknown one is
 *                 refused with {@code UNKNOWN_PIPELINE} (400)
 * @param stage    the stage key; required, and a stage neither the pipeline defines nor any open deal is in is refused
 *                 with {@code UNKNOWN_STAGE} (400)
 * @param after    the {@code next} cursor of the page before; {@code null} for the first page; anything that is not
 *                 such a cursor is refused with {@code INVALID_CURSOR} (400)
 * @param limit    cards per page, 1 to {@value FindBoard#MAX_CARDS_PER_STAGE}; {@code null} means
 *                 {@value FindBoard#DEFAULT_CARDS_PER_STAGE}; anything else is refused with {@code INVALID_LIMIT}
 * @param owner    only this owner's cards, as on {@link FindBoard}; {@code null} for everyone's
 */
public record FindBoardCards(String pipeline, String stage, String after, Integer limit, String owner) {

    public FindBoardCards {
        pipeline = pipeline == null || pipeline.isBlank() ? PipelineCatalog.DEFAULT_PIPELINE : pipeline;
        if (stage == null || stage.isBlank()) {
            throw new LedgerException(ProblemCode.MISSING_STAGE, "stage is required");
        }
        after = after == null || after.isBlank() ? null : after;
        owner = owner == null || owner.isBlank() ? null : owner;
        limit = limit == null ? FindBoard.DEFAULT_CARDS_PER_STAGE : limit;
        if (limit < 1 || limit > FindBoard.MAX_CARDS_PER_STAGE) {
            throw new LedgerException(ProblemCode.INVALID_LIMIT,
                    "limit must be between 1 and " + FindBoard.MAX_CARDS_PER_STAGE + ", was " + limit);
        }
    }

    /** Everyone's cards. */
    public FindBoardCards(String pipeline, String stage, String after, Integer limit) {
        this(pipeline, stage, after, limit, null);
    }
}
