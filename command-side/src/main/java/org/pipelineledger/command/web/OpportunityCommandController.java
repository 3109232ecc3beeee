package org.pipelineledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.pipelineledger.command.opportunity.AddNote;
import org.pipelineledger.command.opportunity.ChangeAmount;
import org.pipelineledger.command.opportunity.ChangeCloseDate;
import org.pipelineledger.command.opportunity.ChangeOutlook;
import org.pipelineledger.command.opportunity.CreateOpportunity;
import org.pipelineledger.command.opportunity.MarkLost;
import org.pipelineledger.command.opportunity.MarkWon;
import org.pipelineledger.command.opportunity.MoveToStage;
import org.pipelineledger.command.opportunity.OpportunityCommand;
import org.pipelineledger.command.opportunity.OpportunityCommandSender;
import org.pipelineledger.command.opportunity.ReassignOwner;
import org.pipelineledger.command.opportunity.Reopen;
import org.pipelineledger.command.opportunity.SetNextStep;
import org.pipelineledger.command.web.OpportunityRequests.AddNoteRequest;
import org.pipelineledger.command.web.OpportunityRequests.ChangeAmountRequest;
import org.pipelineledger.command.web.OpportunityRequests.ChangeCloseDateRequest;
import org.pipelineledger.command.web.OpportunityRequests.ChangeOutlookRequest;
import org.pipelineledger.command.web.OpportunityRequests.CreateOpportunityRequest;
import org.pipelineledger.command.web.OpportunityRequests.MarkLostRequest;
import org.pipelineledger.command.web.OpportunityRequests.MarkWonRequest;
import org.pipelineledger.command.web.OpportunityRequests.MoveToStageRequest;
import org.pipelineledger.command.web.OpportunityRequests.ReassignOwnerRequest;
import org.pipelineledger.command.web.OpportunityRequests.ReopenRequest;
import org.pipelineledger.command.web.OpportunityRequests.SetNextStepRequest;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The command API: one POST per decision. It only translates HTTP into commands; every rule lives in the aggregate
 * and every refusal leaves as a {@link LedgerException} for the application's problem-details handler.
 */
@RestController
@RequestMapping(path = "/api/opportunities", produces = MediaType.APPLICATION_JSON_VALUE)
class OpportunityCommandController {

    private final OpportunityCommandSender sender;

    OpportunityCommandController(OpportunityCommandSender sender) {
        this.sender = sender;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandAccepted> create(RequestIds ids, @Valid @RequestBody CreateOpportunityRequest body,
                                           Authentication authentication, HttpServletRequest request) {
        // the id is chosen here, not in the aggregate, so that a decision never depends on randomness
        OpportunityId id = body.id() == null || body.id().isBlank() ? OpportunityId.of(UUID.randomUUID().toString())
                : newId(body.id());
        CommandAccepted accepted = send(ids, new CreateOpportunity(id, body.name(), body.account(), body.owner(),
                body.pipeline(), stageKey(body.stage()), body.amount(), body.closeDate(), body.outlook(),
                Actors.of(authentication), body.occurredAt(),
                body.profile() == null ? null : body.profile().toProfile()));
        return ResponseEntity.created(URI.create(request.getContextPath() + "/api/opportunities/" + accepted.id()))
                .body(accepted);
    }

    @PostMapping(path = "/{id}/stage", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAccepted moveToStage(RequestIds ids, @PathVariable String id, @Valid @RequestBody MoveToStageRequest body,
                                Authentication authentication) {
        return send(ids, new MoveToStage(existingId(id), stageKey(body.stage()), body.reason(), body.note(),
                body.expectedVersion(), Actors.of(authentication), body.occurredAt()));
    }

    @PostMapping(path = "/{id}/close-date", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAccepted changeCloseDate(RequestIds ids, @PathVariable String id,
                                    @Valid @RequestBody ChangeCloseDateRequest body, Authentication authentication) {
        return send(ids, new ChangeCloseDate(existingId(id), body.closeDate(), body.reason(), body.expectedVersion(),
                Actors.of(authentication), body.occurredAt()));
    }

    @PostMapping(path = "/{id}/outlook", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAccepted changeOutlook(RequestIds ids, @PathVariable String id,
                                  @Valid @RequestBody ChangeOutlookRequest body, Authentication authentication) {
        return send(ids, new ChangeOutlook(existingId(id), body.outlook(), body.note(), body.expectedVersion(),
                Actors.of(authentication), body.occurredAt()));
    }

    @PostMapping(path = "/{id}/amount", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAccepted changeAmount(RequestIds ids, @PathVariable String id,
                                 @Valid @RequestBody ChangeAmountRequest body, Authentication authentication) {
        return send(ids, new ChangeAmount(existingId(id), body.amount(), body.reason(), body.expectedVersion(),
                Actors.of(authentication), body.occurredAt()));
    }

    @PostMapping(path = "/{id}/next-step", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAccepted setNextStep(RequestIds ids, @PathVariable String id,
                                @Valid @RequestBody SetNextStepRequest body, Authentication authentication) {
        return send(ids, new SetNextStep(existingId(id), body.description(), body.dueDate(), body.expectedVersion(),
                Actors.of(authentication), body.occurredAt()));
    }

    @PostMapping(path = "/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAccepted addNote(RequestIds ids, @PathVariable String id, @Valid @RequestBody AddNoteRequest body,
                            Authentication authentication) {
        return send(ids, new AddNote(existingId(id), body.text(), body.expectedVersion(), Actors.of(authentication),
                body.occurredAt()));
    }

    @PostMapping(path = "/{id}/owner", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAccepted reassignOwner(RequestIds ids, @PathVariable String id,
                                  @Valid @RequestBody ReassignOwnerRequest body, Authentication authentication) {
        return send(ids, new ReassignOwner(existingId(id), body.owner(), body.expectedVersion(),
                Actors.of(authentication), body.occurredAt()));
    }

    @PostMapping(path = "/{id}/won", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAccepted markWon(RequestIds ids, @PathVariable String id, @Valid @RequestBody MarkWonRequest body,
                            Authentication authentication) {
        return send(ids, new MarkWon(existingId(id), body.note(), body.expectedVersion(), Actors.of(authentication),
                body.occurredAt()));
    }

    @PostMapping(path = "/{id}/lost", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAccepted markLost(RequestIds ids, @PathVariable String id, @Valid @RequestBody MarkLostRequest body,
                             Authentication authentication) {
        return send(ids, new MarkLost(existingId(id), body.reason(), body.note(), body.expectedVersion(),
                Actors.of(authentication), body.occurredAt()));
    }

    @PostMapping(path = "/{id}/reopen", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAccepted reopen(RequestIds ids, @PathVariable String id, @Valid @RequestBody ReopenRequest body,
                           Authentication authentication) {
        return send(ids, new Reopen(existingId(id), stageKey(body.stage()), body.note(), body.expectedVersion(),
                Actors.of(authentication), body.occurredAt()));
    }

    /** The deal's id comes from the answer: a repeated creation without an id is answered with the first one's. */
    private CommandAccepted send(RequestIds ids, OpportunityCommand command) {
        OpportunityCommandSender.Accepted accepted = sender.send(command, ids.requestId(), ids.correlationId(),
                ids.idempotencyKey());
        return new CommandAccepted(accepted.id().value(), accepted.version());
    }

    private static OpportunityId newId(String id) {
        try {
            return OpportunityId.of(id);
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ProblemCode.INVALID_OPPORTUNITY_ID, e.getMessage());
        }
    }

    /** No deal can have an id that is not well-formed, so asking for one is asking for a deal that does not exist. */
    private static OpportunityId existingId(String id) {
        try {
            return OpportunityId.of(id);
        } catch (IllegalArgumentException e) {
            throw LedgerException.opportunityNotFound(id);
        }
    }

    private static StageKey stageKey(String stage) {
        if (stage == null || stage.isBlank()) {
            return null;
        }
        try {
            return StageKey.of(stage);
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ProblemCode.UNKNOWN_STAGE, "'" + stage + "' is not a stage key: " + e.getMessage());
        }
    }
}
