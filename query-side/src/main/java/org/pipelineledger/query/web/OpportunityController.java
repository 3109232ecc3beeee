package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;
import static org.pipelineledger.query.web.QueryResults.opportunityId;

import java.time.Clock;
import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.query.asof.GetOpportunityAsOf;
import org.pipelineledger.query.asof.OpportunityAsOf;
import org.pipelineledger.query.board.FindOpportunity;
import org.pipelineledger.query.board.OpportunitySummary;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One deal's current summary, or with {@code asOf} and/or {@code knownAt} the deal as it was then, folded from the
 * event store (docs/as-of.md, ADR 0016).
 */
@RestController
class OpportunityController {

    private final QueryGateway queryGateway;
    private final Clock clock;

    OpportunityController(QueryGateway queryGateway, Clock clock) {
        this.queryGateway = queryGateway;
        this.clock = clock;
    }

    @GetMapping(path = "/api/opportunities/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Object opportunity(@PathVariable String id,
                       @RequestParam(required = false) String asOf,
                       @RequestParam(required = false) String knownAt) {
        AsOfInstants.Bounds bounds = AsOfInstants.of(asOf, knownAt, clock);
        if (bounds == null) {
            return await(queryGateway.query(new FindOpportunity(opportunityId(id)), OpportunitySummary.class));
        }
        return await(queryGateway.query(new GetOpportunityAsOf(opportunityId(id), bounds.asOf(), bounds.knownAt()),
                OpportunityAsOf.class));
    }
}
