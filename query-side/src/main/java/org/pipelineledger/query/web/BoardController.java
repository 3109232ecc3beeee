package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;

import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.board.Board;
import org.pipelineledger.query.board.FindBoard;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The board: open deals of a pipeline by stage. */
@RestController
class BoardController {

    private final QueryGateway queryGateway;

    BoardController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/board", produces = MediaType.APPLICATION_JSON_VALUE)
    Board board(@RequestParam(defaultValue = PipelineCatalog.DEFAULT_PIPELINE) String pipeline) {
        return await(queryGateway.query(new FindBoard(pipeline), Board.class));
    }
}
