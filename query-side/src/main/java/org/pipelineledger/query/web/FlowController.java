package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;

import java.time.LocalDate;
import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.events.TargetSet;
import org.pipelineledger.query.flow.ConversionReport;
import org.pipelineledger.query.flow.CoverageReport;
import org.pipelineledger.query.flow.GetConversion;
import org.pipelineledger.query.flow.GetCoverage;
import org.pipelineledger.query.flow.GetTargets;
import org.pipelineledger.query.flow.GetWaterfall;
import org.pipelineledger.query.flow.TargetList;
import org.pipelineledger.query.flow.Waterfall;
import org.pipelineledger.query.flow.Window;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** How deals flow: conversion between stages, the waterfall of a window's pipeline, coverage of targets, the targets. */
@RestController
class FlowController {

    private final QueryGateway queryGateway;

    FlowController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/metrics/conversion", produces = MediaType.APPLICATION_JSON_VALUE)
    ConversionReport conversion(@RequestParam(required = false) String pipeline,
                                @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return await(queryGateway.query(new GetConversion(pipeline, new Window(from, to)), ConversionReport.class));
    }

    @GetMapping(path = "/api/metrics/waterfall", produces = MediaType.APPLICATION_JSON_VALUE)
    Waterfall waterfall(@RequestParam(required = false) String pipeline,
                        @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return await(queryGateway.query(new GetWaterfall(pipeline, new Window(from, to)), Waterfall.class));
    }

    @GetMapping(path = "/api/metrics/coverage", produces = MediaType.APPLICATION_JSON_VALUE)
    CoverageReport coverage(@RequestParam(required = false) String pipeline, @RequestParam String period,
                            @RequestParam(required = false) String owner,
                            @RequestParam(required = false) String team) {
        return await(queryGateway.query(new GetCoverage(pipeline, TargetSet.Period.parse(period), owner, team),
                CoverageReport.class));
    }

    @GetMapping(path = "/api/targets/{period}", produces = MediaType.APPLICATION_JSON_VALUE)
    TargetList targets(@PathVariable String period, @RequestParam(required = false) String pipeline) {
        return await(queryGateway.query(new GetTargets(pipeline, TargetSet.Period.parse(period)), TargetList.class));
    }
}
