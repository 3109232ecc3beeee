package org.pipelineledger.query.web;

import static org.pipelineledger.query.web.QueryResults.await;
import static org.pipelineledger.query.web.QueryResults.opportunityId;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.pipelineledger.query.asof.DealTimeline;
import org.pipelineledger.query.asof.GetDealTimeline;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One deal's timeline for auditors: every event with the state after it, what it changed, who, and its chain hash
 * (docs/as-of.md, ADR 0016); JSON, or CSV for working papers ({@code Accept: text/csv} or {@code format=csv}).
 */
@RestController
class TimelineController {

    private static final MediaType CSV = MediaType.parseMediaType(FlowCsv.MEDIA_TYPE);

    private final QueryGateway queryGateway;

    TimelineController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/opportunities/{id}/audit", produces = {MediaType.APPLICATION_JSON_VALUE,
            FlowCsv.MEDIA_TYPE})
    ResponseEntity<?> timeline(@PathVariable String id, @RequestParam(required = false) String format,
                               HttpServletRequest request) {
        boolean csv = wantsCsv(format, request);
        DealTimeline timeline = await(queryGateway.query(new GetDealTimeline(opportunityId(id)), DealTimeline.class));
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(timeline);
        }
        // the deal id is the file's name once anything a file name cannot hold is replaced
        String file = "timeline-" + timeline.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType(CSV, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build()
                        .toString())
                .body(TimelineCsv.of(timeline));
    }

    /** {@code format} decides when given; else {@code Accept: text/csv} by name (not by a wildcard), as the metrics. */
    private static boolean wantsCsv(String format, HttpServletRequest request) {
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new LedgerException(ProblemCode.INVALID_PARAMETER,
                        "format must be csv or json, was '" + format + "'");
            };
        }
        return MediaType.parseMediaTypes(request.getHeader(HttpHeaders.ACCEPT)).stream()
                .anyMatch(type -> type.getQualityValue() > 0 && type.equalsTypeAndSubtype(CSV));
    }
}
