package org.pipelineledger.command.opportunity;

import java.time.Instant;
import java.util.List;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.problem.LedgerException;

/** Every refusal the command side gives, each with its stable code; the code decides nothing, the kind decides the status. */
final class OpportunityProblems {

    private OpportunityProblems() {
    }

    static LedgerException required(String code, String what) {
        return LedgerException.badRequest(code, what + " is required");
    }

    /** A value out of the ledger's bounds: answered as the API's own validation answers it, naming the field. */
    static LedgerException invalidField(String field, String message) {
        return LedgerException.invalidField(field, message);
    }

    static LedgerException unknownStage(StageKey stage, String pipeline) {
        return LedgerException.badRequest("UNKNOWN_STAGE",
                "pipeline '" + pipeline + "' has no stage " + stage);
    }

    static LedgerException notDealOwner(String actor, String owner) {
        return LedgerException.forbidden("NOT_DEAL_OWNER",
                actor + " may only change deals they own; this deal is owned by " + owner);
    }

    static LedgerException mayNotCreateForOthers(String actor, String owner) {
        return LedgerException.forbidden("NOT_DEAL_OWNER",
                actor + " may only create deals they own, not deals owned by " + owner);
    }

    static LedgerException reassignNotAllowed(String actor) {
        return LedgerException.forbidden("REASSIGN_NOT_ALLOWED",
                actor + " may not reassign deals; only managers and admins may");
    }

    static LedgerException backdatingNotAllowed(String actor) {
        return LedgerException.forbidden("BACKDATING_NOT_ALLOWED",
                actor + " may not supply occurredAt; only admins may backdate");
    }

    static LedgerException occurredAtInFuture(Instant occurredAt, Instant now) {
        return LedgerException.ruleViolation("OCCURRED_AT_IN_FUTURE",
                "occurredAt " + occurredAt + " is after now (" + now + ")");
    }

    static LedgerException occurredAtBeforePreviousEvent(Instant occurredAt, Instant previous) {
        return LedgerException.ruleViolation("OCCURRED_AT_BEFORE_PREVIOUS_EVENT",
                "occurredAt " + occurredAt + " is before the deal's previous event at " + previous);
    }

    static LedgerException negativeAmount() {
        return LedgerException.ruleViolation("NEGATIVE_AMOUNT", "amount must not be negative");
    }

    static LedgerException entryCriteriaNotMet(StageKey stage, List<String> missing) {
        return LedgerException.ruleViolation("ENTRY_CRITERIA_NOT_MET",
                "entering " + stage + " needs " + String.join(" and ", missing));
    }

    static LedgerException alreadyInStage(StageKey stage) {
        return LedgerException.conflict("ALREADY_IN_STAGE", "the deal is already in " + stage);
    }

    static LedgerException reversionReasonRequired(StageKey from, StageKey to) {
        return LedgerException.ruleViolation("REVERSION_REASON_REQUIRED",
                "moving back from " + from + " to " + to + " needs a reason");
    }

    static LedgerException reversionNoteRequired(StageKey from, StageKey to) {
        return LedgerException.ruleViolation("REVERSION_NOTE_REQUIRED",
                "moving back from " + from + " to " + to + " needs a note saying why");
    }

    static LedgerException unchanged(String code, String what, Object value) {
        return LedgerException.conflict(code, "the " + what + " is already " + value);
    }

    static LedgerException lossReasonRequired() {
        return LedgerException.ruleViolation("LOSS_REASON_REQUIRED", "a lost deal needs a reason");
    }

    static LedgerException reopenNoteRequired() {
        return LedgerException.ruleViolation("REOPEN_NOTE_REQUIRED", "reopening a deal needs a note saying why");
    }

    static LedgerException closed(OpportunityId id, DealStatus status) {
        return LedgerException.conflict("OPPORTUNITY_CLOSED",
                "deal " + id + " is " + status + "; only reopening can change it");
    }

    static LedgerException stillOpen(OpportunityId id) {
        return LedgerException.conflict("OPPORTUNITY_OPEN", "deal " + id + " is open; only a won or lost deal can be reopened");
    }

    static LedgerException staleVersion(Object id, long expected, long actual) {
        return LedgerException.conflict("STALE_VERSION",
                "deal " + id + " is at version " + actual + ", not " + expected + "; reload it and try again");
    }

    static LedgerException staleVersion(Object id, String detail) {
        return LedgerException.conflict("STALE_VERSION",
                "deal " + id + " changed since the version you acted on; reload it and try again (" + detail + ")");
    }

    static LedgerException notFound(Object id) {
        return LedgerException.notFound("OPPORTUNITY_NOT_FOUND", "no deal with id " + id);
    }

    static LedgerException exists(Object id) {
        return LedgerException.conflict("OPPORTUNITY_EXISTS", "a deal with id " + id + " already exists");
    }
}
