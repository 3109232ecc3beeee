package org.pipelineledger.command.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.ReversionReason;

/**
 * The JSON bodies of the command API. A missing or malformed field the command cannot be formed without is a 400
 * here; what the deal's rules require (a reason to move back, a reason to lose, a note to reopen) is left to the
 * aggregate, which answers 422 with its own code whichever way the command arrives.
 * <p>
 * Every change accepts {@code expectedVersion} (refuse with 409 if the deal has moved on) and {@code occurredAt}
 * (ISO-8601 instant; admins only, for imports and backfills).
 */
final class OpportunityRequests {

    private static final int NAME = 200;
    private static final int TEXT = 4000;

    private OpportunityRequests() {
    }

    record CreateOpportunityRequest(
            @Size(max = 64) String id,
            @NotBlank @Size(max = NAME) String name,
            @NotBlank @Size(max = NAME) String account,
            @Size(max = NAME) String owner,
            @Size(max = 40) String pipeline,
            @Size(max = 40) String stage,
            @NotNull BigDecimal amount,
            @NotNull LocalDate closeDate,
            Outlook outlook,
            Instant occurredAt) {
    }

    record MoveToStageRequest(
            @NotBlank @Size(max = 40) String stage,
            ReversionReason reason,
            @Size(max = TEXT) String note,
            @PositiveOrZero Long expectedVersion,
            Instant occurredAt) {
    }

    record ChangeCloseDateRequest(
            @NotNull LocalDate closeDate,
            @Size(max = TEXT) String reason,
            @PositiveOrZero Long expectedVersion,
            Instant occurredAt) {
    }

    record ChangeOutlookRequest(
            @NotNull Outlook outlook,
            @Size(max = TEXT) String note,
            @PositiveOrZero Long expectedVersion,
            Instant occurredAt) {
    }

    record ChangeAmountRequest(
            @NotNull BigDecimal amount,
            @Size(max = TEXT) String reason,
            @PositiveOrZero Long expectedVersion,
            Instant occurredAt) {
    }

    record SetNextStepRequest(
            @NotBlank @Size(max = TEXT) String description,
            @NotNull LocalDate dueDate,
            @PositiveOrZero Long expectedVersion,
            Instant occurredAt) {
    }

    record AddNoteRequest(
            @NotBlank @Size(max = TEXT) String text,
            @PositiveOrZero Long expectedVersion,
            Instant occurredAt) {
    }

    record ReassignOwnerRequest(
            @NotBlank @Size(max = NAME) String owner,
            @PositiveOrZero Long expectedVersion,
            Instant occurredAt) {
    }

    record MarkWonRequest(
            @Size(max = TEXT) String note,
            @PositiveOrZero Long expectedVersion,
            Instant occurredAt) {
    }

    record MarkLostRequest(
            @Size(max = TEXT) String reason,
            @Size(max = TEXT) String note,
            @PositiveOrZero Long expectedVersion,
            Instant occurredAt) {
    }

    record ReopenRequest(
            @NotBlank @Size(max = 40) String stage,
            @Size(max = TEXT) String note,
            @PositiveOrZero Long expectedVersion,
            Instant occurredAt) {
    }
}
