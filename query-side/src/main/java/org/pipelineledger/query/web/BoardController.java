package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;

import java.time.Clock;
import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.pipelineledger.query.asof.BoardAsOf;
import org.pipelineledger.query.asof.GetBoardAsOf;
import org.pipelineledger.query.board.Board;
import org.pipelineledger.query.board.BoardCards;
import org.pipelineledger.query.board.FindBoard;
import org.pipelineledger.query.board.FindBoardCards;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The board: open deals of a pipeline by stage, and further pages of one stage's cards; with {@code asOf} and/or
 * {@code knownAt} the board's counts and totals as they were then (docs/as-of.md, ADR 0016).
 */
@RestController
class BoardController {

    private final QueryGateway queryGateway;
    private final Clock clock;

    BoardController(QueryGateway queryGateway, Clock clock) {
        this.queryGateway = queryGateway;
        this.clock = clock;
    }

    @GetMapping(path = "/api/board", produces = MediaType.APPLICATION_JSON_VALUE)
    Object board(@RequestParam(defaultValue = PipelineCatalog.DEFAULT_PIPELINE) String pipeline,
                 @RequestParam(required = false) Integer cardsPerStage,
                 @RequestParam(required = false) String owner,
                 @RequestParam(required = false) String asOf,
                 @RequestParam(required = false) String knownAt) {
        AsOfInstants.Bounds bounds = AsOfInstants.of(asOf, knownAt, clock);
        if (bounds == null) {
            return await(queryGateway.query(new FindBoard(pipeline, cardsPerStage, owner), Board.class));
        }
        // counts and totals only: cards as of then would need every deal's fields in the index (docs/as-of.md)
        if (cardsPerStage != null && cardsPerStage != 0) {
            throw new LedgerException(ProblemCode.INVALID_PARAMETER,
                    "the board as of an instant shows counts and totals, no cards: leave out cardsPerStage or pass 0");
        }
        return await(queryGateway.query(new GetBoardAsOf(pipeline, owner, bounds.asOf(), bounds.knownAt()),
                BoardAsOf.class));
    }

    @GetMapping(path = "/api/board/cards", produces = MediaType.APPLICATION_JSON_VALUE)
    BoardCards cards(@RequestParam(defaultValue = PipelineCatalog.DEFAULT_PIPELINE) String pipeline,
                     @RequestParam(required = false) String stage,
                     @RequestParam(required = false) String after,
                     @RequestParam(required = false) Integer limit,
                     @RequestParam(required = false) String owner) {
        return await(queryGateway.query(new FindBoardCards(pipeline, stage, after, limit, owner),
                BoardCards.class));
    }
}
