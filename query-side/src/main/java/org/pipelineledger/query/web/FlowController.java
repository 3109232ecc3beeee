package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.Function;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * How deals flow: conversion between stages, the waterfall of a window's pipeline, coverage of targets, the targets.
 * The three metrics answer CSV ({@link FlowCsv}) to a request that accepts {@code text/csv}, JSON otherwise.
 */
@RestController
class FlowController {

    private static final MediaType CSV = MediaType.parseMediaType(FlowCsv.MEDIA_TYPE);

    private final QueryGateway queryGateway;

    FlowController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/metrics/conversion", produces = {MediaType.APPLICATION_JSON_VALUE, FlowCsv.MEDIA_TYPE})
    ResponseEntity<?> conversion(@RequestParam(required = false) String pipeline,
                                 @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                 @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                 HttpServletRequest request) {
        return answer(request, new GetConversion(pipeline, new Window(from, to)), ConversionReport.class,
                FlowCsv::conversion);
    }

    @GetMapping(path = "/api/metrics/waterfall", produces = {MediaType.APPLICATION_JSON_VALUE, FlowCsv.MEDIA_TYPE})
    ResponseEntity<?> waterfall(@RequestParam(required = false) String pipeline,
                                @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                HttpServletRequest request) {
        return answer(request, new GetWaterfall(pipeline, new Window(from, to)), Waterfall.class, FlowCsv::waterfall);
    }

    @GetMapping(path = "/api/metrics/coverage", produces = {MediaType.APPLICATION_JSON_VALUE, FlowCsv.MEDIA_TYPE})
    ResponseEntity<?> coverage(@RequestParam(required = false) String pipeline, @RequestParam String period,
                               @RequestParam(required = false) String owner,
                               @RequestParam(required = false) String team, HttpServletRequest request) {
        return answer(request, new GetCoverage(pipeline, TargetSet.Period.parse(period), owner, team),
                CoverageReport.class, FlowCsv::coverage);
    }

    @GetMapping(path = "/api/targets/{period}", produces = MediaType.APPLICATION_JSON_VALUE)
    TargetList targets(@PathVariable String period, @RequestParam(required = false) String pipeline) {
        return await(queryGateway.query(new GetTargets(pipeline, TargetSet.Period.parse(period)), TargetList.class));
    }

    /** The query's answer: CSV when the request accepts {@code text/csv} by name (not by a wildcard), else JSON. */
    private <R> ResponseEntity<?> answer(HttpServletRequest request, Object query, Class<R> answerType,
                                         Function<R, String> csv) {
        R report = await(queryGateway.query(query, answerType));
        boolean wantsCsv = MediaType.parseMediaTypes(request.getHeader(HttpHeaders.ACCEPT)).stream()
                .anyMatch(type -> type.getQualityValue() > 0 && type.equalsTypeAndSubtype(CSV));
        if (wantsCsv) {
            return ResponseEntity.ok().contentType(new MediaType(CSV, StandardCharsets.UTF_8)).body(csv.apply(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }
}
