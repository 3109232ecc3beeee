package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;
import static org.pipelineledger.query.web.QueryResults.opportunityId;

import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.query.slippage.DealSlippage;
import org.pipelineledger.query.slippage.GetSlippage;
import org.pipelineledger.query.slippage.GetSlippageReport;
import org.pipelineledger.query.slippage.SlippageReport;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Close-date slippage: one deal's changes, and the most slipped deals. */
@RestController
class SlippageController {

    private final QueryGateway queryGateway;

    SlippageController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/opportunities/{id}/slippage", produces = MediaType.APPLICATION_JSON_VALUE)
    DealSlippage slippage(@PathVariable String id) {
        return await(queryGateway.query(new GetSlippage(opportunityId(id)), DealSlippage.class));
    }

    @GetMapping(path = "/api/reports/slippage", produces = MediaType.APPLICATION_JSON_VALUE)
    SlippageReport report(@RequestParam(required = false) String pipeline,
                          @RequestParam(required = false) Integer limit) {
        return await(queryGateway.query(new GetSlippageReport(pipeline, limit), SlippageReport.class));
    }
}
