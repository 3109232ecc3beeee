package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;
import static org.pipelineledger.query.web.QueryResults.opportunityId;

import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.query.board.FindOpportunity;
import org.pipelineledger.query.board.OpportunitySummary;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One deal's current summary. */
@RestController
class OpportunityController {

    private final QueryGateway queryGateway;

    OpportunityController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/opportunities/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    OpportunitySummary opportunity(@PathVariable String id) {
        return await(queryGateway.query(new FindOpportunity(opportunityId(id)), OpportunitySummary.class));
    }
}
