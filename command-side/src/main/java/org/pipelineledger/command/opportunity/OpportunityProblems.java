package org.pipelineledger.command.opportunity;

import java.time.Instant;
import java.util.List;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/** Every refusal of the deal's rules, each with its code from the {@link ProblemCode} catalogue and one message. */
final class OpportunityProblems {

    private OpportunityProblems() {
    }

    /** A missing text: the words of the API's {@code @NotBlank}, so that either refusal reads the same. */
    static LedgerException blank(String field) {
        return LedgerException.invalidField(field, "must not be blank");
    }

    /** A missing value: the words of the API's {@code @NotNull}. */
    static LedgerException missing(String field) {
        return LedgerException.invalidField(field, "must not be null");
    }

    /** A value out of the ledger's bounds: answered as the API's own validation answers it, naming the field. */
    static LedgerException invalidField(String field, String message) {
        return LedgerException.invalidField(field, message);
    }

    static LedgerException unknownStage(StageKey stage, String pipeline) {
        return new LedgerException(ProblemCode.UNKNOWN_STAGE, "pipeline '" + pipeline + "' has no stage " + stage);
    }

    static LedgerException notDealOwner(String actor, String owner) {
        return new LedgerException(ProblemCode.NOT_DEAL_OWNER,
                actor + " may only change deals they own; this deal is owned by " + owner);
    }

    static LedgerException mayNotCreateForOthers(String actor, String owner) {
        return new LedgerException(ProblemCode.NOT_DEAL_OWNER,
                actor + " may only create deals they own, not deals owned by " + owner);
    }

    static LedgerException reassignNotAllowed(String actor) {
        return new LedgerException(ProblemCode.REASSIGN_NOT_ALLOWED,
                actor + " may not reassign deals; only managers and admins may");
    }

    static LedgerException backdatingNotAllowed(String actor) {
        return new LedgerException(ProblemCode.BACKDATING_NOT_ALLOWED,
                actor + " may not supply occurredAt; only admins may backdate");
    }

    static LedgerException occurredAtInFuture(Instant occurredAt, Instant now) {
        return new LedgerException(ProblemCode.OCCURRED_AT_IN_FUTURE,
                "occurredAt " + occurredAt + " is after now (" + now + ")");
    }

    static LedgerException occurredAtBeforePreviousEvent(Instant occurredAt, Instant previous) {
        return new LedgerException(ProblemCode.OCCURRED_AT_BEFORE_PREVIOUS_EVENT,
                "occurredAt " + occurredAt + " is before the deal's previous event at " + previous);
    }

    static LedgerException negativeAmount() {
        return new LedgerException(ProblemCode.NEGATIVE_AMOUNT, "amount must not be negative");
    }

    static LedgerException entryCriteriaNotMet(StageKey stage, List<String> missing) {
        return new LedgerException(ProblemCode.ENTRY_CRITERIA_NOT_MET,
                "entering " + stage + " needs " + String.join(" and ", missing));
    }

    static LedgerException alreadyInStage(StageKey stage) {
        return new LedgerException(ProblemCode.ALREADY_IN_STAGE, "the deal is already in " + stage);
    }

    static LedgerException reversionReasonRequired(StageKey from, StageKey to) {
        return new LedgerException(ProblemCode.REVERSION_REASON_REQUIRED,
                "moving back from " + from + " to " + to + " needs a reason");
    }

    static LedgerException reversionNoteRequired(StageKey from, StageKey to) {
        return new LedgerException(ProblemCode.REVERSION_NOTE_REQUIRED,
                "moving back from " + from + " to " + to + " needs a note saying why");
    }

    static LedgerException unchanged(ProblemCode code, String what, Object value) {
        return new LedgerException(code, "the " + what + " is already " + value);
    }

    static LedgerException lossReasonRequired() {
        return new LedgerException(ProblemCode.LOSS_REASON_REQUIRED, "a lost deal needs a reason");
    }

    static LedgerException reopenNoteRequired() {
        return new LedgerException(ProblemCode.REOPEN_NOTE_REQUIRED, "reopening a deal needs a note saying why");
    }

    static LedgerException closed(OpportunityId id, DealStatus status) {
        return new LedgerException(ProblemCode.OPPORTUNITY_CLOSED,
                "deal " + id + " is " + status + "; only reopening can change it");
    }

    static LedgerException stillOpen(OpportunityId id) {
        return new LedgerException(ProblemCode.OPPORTUNITY_OPEN,
                "deal " + id + " is open; only a won or lost deal can be reopened");
    }

    /** The client's {@code expectedVersion} is not the deal's version. */
    static LedgerException staleVersion(Object id, long expected, long actual) {
        return new LedgerException(ProblemCode.STALE_VERSION, "deal " + id
                + " changed since the version you acted on (it is at " + actual + ", not " + expected
                + "); reload it and try again");
    }

    /** The same failure found at the append: another command on the deal won the race; Axon's words stay out. */
    static LedgerException staleVersion(Object id) {
        return new LedgerException(ProblemCode.STALE_VERSION,
                "deal " + id + " changed since the version you acted on; reload it and try again");
    }

    static LedgerException notFound(Object id) {
        return LedgerException.opportunityNotFound(id);
    }

    static LedgerException exists(Object id) {
        return new LedgerException(ProblemCode.OPPORTUNITY_EXISTS, "a deal with id " + id + " already exists");
    }
}
