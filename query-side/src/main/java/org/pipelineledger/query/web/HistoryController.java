package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;
import static org.pipelineledger.query.web.QueryResults.opportunityId;

import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.query.history.DealHistory;
import org.pipelineledger.query.history.GetDealHistory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One deal's full event history. */
@RestController
class HistoryController {

    private final QueryGateway queryGateway;

    HistoryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/opportunities/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    DealHistory history(@PathVariable String id) {
        return await(queryGateway.query(new GetDealHistory(opportunityId(id)), DealHistory.class));
    }
}
