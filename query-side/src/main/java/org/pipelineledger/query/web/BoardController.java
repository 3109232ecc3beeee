package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;

import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.board.Board;
import org.pipelineledger.query.board.BoardCards;
import org.pipelineledger.query.board.FindBoard;
import org.pipelineledger.query.board.FindBoardCards;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The board: open deals of a pipeline by stage, and further pages of one stage's cards. */
@RestController
class BoardController {

    private final QueryGateway queryGateway;

    BoardController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/board", produces = MediaType.APPLICATION_JSON_VALUE)
    Board board(@RequestParam(defaultValue = PipelineCatalog.DEFAULT_PIPELINE) String pipeline,
                @RequestParam(required = false) Integer cardsPerStage,
                @RequestParam(required = false) String owner) {
        return await(queryGateway.query(new FindBoard(pipeline, cardsPerStage, owner), Board.class));
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
