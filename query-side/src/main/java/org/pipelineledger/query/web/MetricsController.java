package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.LocalDate;
import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.metrics.GetMetrics;
import org.pipelineledger.query.metrics.MetricsGrouping;
import org.pipelineledger.query.metrics.PipelineMetrics;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A pipeline's metrics over a period (docs/metrics.md), as JSON or, for spreadsheets, as CSV rows. */
@RestController
class MetricsController {

    static final String TEXT_CSV = "text/csv";

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final CsvSchema ROWS = CSV.schemaFor(PipelineMetrics.Row.class).withHeader();

    private final QueryGateway queryGateway;

    MetricsController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
    PipelineMetrics metrics(
            @RequestParam(defaultValue = PipelineCatalog.DEFAULT_PIPELINE) String pipeline,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String groupBy) {
        return await(queryGateway.query(new GetMetrics(pipeline, from, to, MetricsGrouping.parse(groupBy)),
                PipelineMetrics.class));
    }

    /** The rows only, with a header line; a null key or figure is an empty field. */
    @GetMapping(path = "/api/metrics", produces = TEXT_CSV + ";charset=UTF-8")
    String metricsCsv(
            @RequestParam(defaultValue = PipelineCatalog.DEFAULT_PIPELINE) String pipeline,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String groupBy) throws JsonProcessingException {
        return CSV.writer(ROWS).writeValueAsString(metrics(pipeline, from, to, groupBy).rows());
    }
}
