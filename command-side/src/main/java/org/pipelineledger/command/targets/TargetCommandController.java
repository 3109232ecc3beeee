package org.pipelineledger.command.targets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.command.opportunity.OpportunityCommandSender;
import org.pipelineledger.events.Limits;
import org.pipelineledger.events.TargetSet;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/targets/{period}}: sets one owner's or one team's target of a pipeline for a period (MANAGER and
 * ADMIN, by the security rules and again by the aggregate). The event carries who asked, the request and its
 * correlation id in the same metadata keys as the deals' events.
 */
@RestController
class TargetCommandController {

    /** The ids are stored with every event forever: printable ASCII, no spaces, bounded, as on the deals' commands. */
    private static final Pattern HEADER_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final CommandGateway commandGateway;
    private final PipelineCatalog catalog;

    TargetCommandController(CommandGateway commandGateway, PipelineCatalog catalog) {
        this.commandGateway = commandGateway;
        this.catalog = catalog;
    }

    /**
     * The body: {@code owner} or {@code team} (exactly one), {@code amount} (at least 0, in the pipeline's currency),
     * {@code pipeline} (default {@code default}) and, for admins, {@code occurredAt}.
     */
    record SetTargetRequest(
            @Size(max = Limits.MAX_KEY_LENGTH) String pipeline,
            @Size(max = Limits.MAX_NAME_LENGTH) String owner,
            @Size(max = Limits.MAX_NAME_LENGTH) String team,
            @NotNull BigDecimal amount,
            Instant occurredAt) {
    }

    /**
     * What was accepted.
     *
     * @param version the stream's version after the request: the sequence number of its last event
     */
    record TargetAccepted(String pipeline, String period, TargetSet.Kind kind, String name, BigDecimal amount,
                          long version) {
    }

    @PutMapping(path = "/api/targets/{period}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    TargetAccepted set(@PathVariable String period, @Valid @RequestBody SetTargetRequest body,
                       Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        String requestId = headerId(request, "X-Request-Id");
        requestId = requestId == null ? UUID.randomUUID().toString() : requestId;
        response.setHeader("X-Request-Id", requestId);
        String correlationId = headerId(request, "X-Correlation-Id");
        boolean owner = body.owner() != null;
        if (owner == (body.team() != null)) {
            throw LedgerException.invalidField(owner ? "team" : "owner", "give exactly one of owner and team");
        }
        // resolved here, because the stream's id is made of the pipeline's key and the period's
        String pipeline = catalog.require(body.pipeline() == null || body.pipeline().isBlank()
                ? PipelineCatalog.DEFAULT_PIPELINE : body.pipeline().strip()).key();
        TargetSet.Period parsed = TargetSet.Period.parse(period);
        SetTarget command = new SetTarget(pipeline, parsed.key(), owner ? TargetSet.Kind.OWNER : TargetSet.Kind.TEAM,
                owner ? body.owner() : body.team(), body.amount(), actor(authentication), body.occurredAt());
        MetaData metaData = MetaData.with(OpportunityCommandSender.ACTOR, command.actor().name())
                .and(OpportunityCommandSender.REQUEST_ID, requestId)
                .and(OpportunityCommandSender.CORRELATION_ID, correlationId == null ? requestId : correlationId);
        try {
            Long version = commandGateway.sendAndWait(command, metaData);
            return new TargetAccepted(pipeline, parsed.key(), command.kind(), command.name().strip(),
                    Limits.recorded(body.amount(), catalog.require(pipeline).currency()), version);
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            throw new LedgerException(ProblemCode.STALE_VERSION,
                    "the targets of " + parsed.key() + " changed at the same moment; try again");
        }
    }

    private static Actor actor(Authentication authentication) {
        Set<String> roles = authentication == null ? Set.of() : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        boolean admin = roles.contains("ROLE_ADMIN");
        if (!admin && !roles.contains("ROLE_MANAGER")) {
            throw new LedgerException(ProblemCode.ACCESS_DENIED, "only managers and admins may set targets");
        }
        return new Actor(authentication.getName(), true, admin);
    }

    private static String headerId(HttpServletRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!HEADER_ID.matcher(value).matches()) {
            throw new LedgerException(ProblemCode.INVALID_REQUEST_HEADER,
                    name + " must be 1-128 printable ASCII characters without spaces");
        }
        return value;
    }
}
