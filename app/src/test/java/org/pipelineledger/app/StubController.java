package org.pipelineledger.app;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemKind;
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

    private final Validator validator;

    StubController(Validator validator) {
        this.validator = validator;
    }

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

    @PostMapping("/refusals/{kind}")
    void refuse(@PathVariable ProblemKind kind) {
        throw new LedgerException(kind, "STUB_" + kind.name(), "Refused as " + kind.name().toLowerCase() + ".");
    }

    @GetMapping("/deals/{id}")
    String deal(@PathVariable OpportunityId id) {
        return id.value();
    }

    @GetMapping("/report")
    String report(@RequestParam LocalDate from, @RequestParam(defaultValue = "10") @Max(100) int limit) {
        return from + "/" + limit;
    }

    @GetMapping("/stages/{stage}")
    String stage(@PathVariable String stage) {
        return StageKey.of(stage).value();
    }

    @GetMapping("/constraint-violation")
    void constraintViolation() {
        throw new ConstraintViolationException(validator.validate(
                new StubDeal(" ", null, null, new BigDecimal("-1"), null, null)));
    }

    @GetMapping("/axon/{failure}")
    void axon(@PathVariable String failure) {
        throw switch (failure) {
            case "not-found" -> new AggregateNotFoundException("deal-1", "no events for deal-1");
            case "stale" -> new ConflictingAggregateVersionException("deal-1", 3, 5);
            case "concurrent" -> new ConcurrencyException("sequence 6 of deal-1 already taken");
            case "stream-exists" -> new AggregateStreamCreationException("deal-1 already exists");
            case "wrapped-command" -> new CommandExecutionException("handler failed",
                    LedgerException.conflict("OPPORTUNITY_CLOSED", "The deal is closed."));
            case "wrapped-query" -> new QueryExecutionException("query failed",
                    new CompletionException(LedgerException.notFound("OPPORTUNITY_NOT_FOUND", "No such deal.")));
            case "wrapped-unknown" -> new CommandExecutionException("handler failed",
                    new IllegalStateException("connection pool exhausted at db-3.internal"));
            default -> new IllegalStateException("unknown failure " + failure);
        };
    }

    /** What the command side does when the client sent no X-Request-Id: it generates one and returns it. */
    @PostMapping("/generated-request-id")
    void generatedRequestId(jakarta.servlet.http.HttpServletResponse response) {
        response.setHeader("X-Request-Id", "generated-1");
        throw LedgerException.conflict("STUB_CONFLICT", "Refused after the id was generated.");
    }

    @GetMapping("/boom")
    void boom() {
        throw new IllegalStateException("password=hunter2 at db-3.internal");
    }
}
