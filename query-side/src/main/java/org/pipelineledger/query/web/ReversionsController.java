package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;

import java.time.LocalDate;
import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.query.reversions.GetReversions;
import org.pipelineledger.query.reversions.ReversionReport;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Backward moves with their reasons, filtered by period, owner and pipeline. */
@RestController
class ReversionsController {

    private final QueryGateway queryGateway;

    ReversionsController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/reports/reversions", produces = MediaType.APPLICATION_JSON_VALUE)
    ReversionReport reversions(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String pipeline) {
        return await(queryGateway.query(new GetReversions(from, to, owner, pipeline), ReversionReport.class));
    }
}
