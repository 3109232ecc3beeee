package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;

import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.query.GetReadModelStatus;
import org.pipelineledger.query.ReadModelStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether the read models have caught up with the event store, so a client can tell a stale answer from a fresh one. */
@RestController
class ReadModelStatusController {

    private final QueryGateway queryGateway;

    ReadModelStatusController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/read-models/status", produces = MediaType.APPLICATION_JSON_VALUE)
    ReadModelStatus status() {
        return await(queryGateway.query(new GetReadModelStatus(), ReadModelStatus.class));
    }
}
