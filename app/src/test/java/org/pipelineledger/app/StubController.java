package org.pipelineledger.app;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoints that answer or fail in every way the real controllers can. */
@TestComponent
@RestController
@RequestMapping("/api/stub")
class StubController {

    record StubDeal(@NotBlank String name, @NotNull Outlook outlook, LocalDate closeDate,
            @PositiveOrZero BigDecimal amount, StageKey stage, List<Line> lines) {
    }

    record Line(BigDecimal amount) {
    }

    @GetMapping("/read")
    Map<String, String> read() {
        return Map.of("answer", "read");
    }

    @PostMapping("/write")
    Map<String, String> write() {
        return Map.of("answer", "written");
    }

    @PostMapping(path = "/deals", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> create(@jakarta.validation.Valid @RequestBody StubDeal deal) {
        return Map.of("name", deal.name());
    }

    @PostMapping("/refusals/{code}")
    void refuse(@PathVariable ProblemCode code) {
        throw new LedgerException(code, "Refused as " + code.name().toLowerCase() + ".");
    }

    @GetMapping("/deals/{id}")
    String deal(@PathVariable OpportunityId id) {
        return id.value();
    }

    @GetMapping("/report")
    String report(@RequestParam LocalDate from, @RequestParam(defaultValue = "10") int limit) {
        return from + "/" + limit;
    }

    @GetMapping("/stages/{stage}")
    String stage(@PathVariable String stage) {
        return StageKey.of(stage).value();
    }

    @GetMapping("/axon/{failure}")
    void axon(@PathVariable String failure) {
        throw switch (failure) {
            case "wrapped-command" -> new CommandExecutionException("handler failed",
                    new LedgerException(ProblemCode.OPPORTUNITY_CLOSED, "The deal is closed."));
            case "wrapped-query" -> new QueryExecutionException("query failed",
                    new CompletionException(new LedgerException(ProblemCode.OPPORTUNITY_NOT_FOUND, "No such deal.")));
            case "wrapped-unknown" -> new CommandExecutionException("handler failed",
                    new IllegalStateException("connection pool exhausted at db-3.internal"));
            default -> new IllegalStateException("unknown failure " + failure);
        };
    }

    /** What the command side does when the client sent no X-Request-Id: it generates one and returns it. */
    @PostMapping("/generated-request-id")
    void generatedRequestId(jakarta.servlet.http.HttpServletResponse response) {
        response.setHeader("X-Request-Id", "generated-1");
        throw new LedgerException(ProblemCode.OPPORTUNITY_CLOSED, "Refused after the id was generated.");
    }

    @GetMapping("/boom")
    void boom() {
        throw new IllegalStateException("password=hunter2 at db-3.internal");
    }
}
