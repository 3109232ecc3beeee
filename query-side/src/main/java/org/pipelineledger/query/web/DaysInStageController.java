package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;
import static org.pipelineledger.query.web.QueryResults.opportunityId;

import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.daysinstage.DaysInStageReport;
import org.pipelineledger.query.daysinstage.DealDaysInStage;
import org.pipelineledger.query.daysinstage.GetDaysInStage;
import org.pipelineledger.query.daysinstage.GetDaysInStageReport;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Time spent per stage: for one deal, and statistics per stage of a pipeline. */
@RestController
class DaysInStageController {

    private final QueryGateway queryGateway;

    DaysInStageController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/opportunities/{id}/days-in-stage", produces = MediaType.APPLICATION_JSON_VALUE)
    DealDaysInStage daysInStage(@PathVariable String id) {
        return await(queryGateway.query(new GetDaysInStage(opportunityId(id)), DealDaysInStage.class));
    }

    @GetMapping(path = "/api/reports/days-in-stage", produces = MediaType.APPLICATION_JSON_VALUE)
    DaysInStageReport report(@RequestParam(defaultValue = PipelineCatalog.DEFAULT_PIPELINE) String pipeline) {
        return await(queryGateway.query(new GetDaysInStageReport(pipeline), DaysInStageReport.class));
    }
}
