package org.pipelineledger.command.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.Limits;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.ReversionReason;

/**
 * The JSON bodies of the command API. A missing or malformed field the command cannot be formed without is a 400
 * here; what the deal's rules require (a reason to move back, a reason to lose, a note to reopen) is left to the
 * aggregate, which answers 422 with its own code whichever way the command arrives.
 * <p>
 * Every change accepts {@code expectedVersion} (refuse with 409 if the deal has moved on) and {@code occurredAt}
 * (ISO-8601 instant; admins only, for imports and backfills).
 * <p>
 * Every value is checked against the ledger's {@link Limits} here already, so that a value out of bounds is refused
 * with every other invalid field of the request; the aggregate checks the same bounds again (and an amount against
 * its deal's currency, which only it knows) for the commands that do not come through this API.
 */
final class OpportunityRequests {

    private static final int ID = Limits.MAX_ID_LENGTH;
    private static final int NAME = Limits.MAX_NAME_LENGTH;
    private static final int KEY = Limits.MAX_KEY_LENGTH;
    private static final int TEXT = Limits.MAX_TEXT_LENGTH;

    private OpportunityRequests() {
    }

    record CreateOpportunityRequest(
            @SingleLine @Size(max = ID) String id,
            @NotBlank @SingleLine @Size(max = NAME) String name,
            @NotBlank @SingleLine @Size(max = NAME) String account,
            @SingleLine @Size(max = NAME) String owner,
            @SingleLine @Size(max = KEY) String pipeline,
            @SingleLine @Size(max = KEY) String stage,
            @NotNull @Amount BigDecimal amount,
            @NotNull @CalendarDate LocalDate closeDate,
            Outlook outlook,
            @BusinessTime Instant occurredAt,
            @Valid ProfileRequest profile) {
    }

    /** What analysts group by (product, team, region, account sector and size); every field optional. */
    record ProfileRequest(
            @SingleLine @Size(max = NAME) String product,
            @SingleLine @Size(max = NAME) String team,
            @SingleLine @Size(max = NAME) String region,
            @SingleLine @Size(max = NAME) String accountSector,
            @PositiveOrZero Integer accountEmployees) {

        DealProfile toProfile() {
            return new DealProfile(product, team, region, accountSector, accountEmployees);
        }
    }

    record MoveToStageRequest(
            @NotBlank @SingleLine @Size(max = KEY) String stage,
            ReversionReason reason,
            @MultiLine @Size(max = TEXT) String note,
            @PositiveOrZero Long expectedVersion,
            @BusinessTime Instant occurredAt) {
    }

    record ChangeCloseDateRequest(
            @NotNull @CalendarDate LocalDate closeDate,
            @MultiLine @Size(max = TEXT) String reason,
            @PositiveOrZero Long expectedVersion,
            @BusinessTime Instant occurredAt) {
    }

    record ChangeOutlookRequest(
            @NotNull Outlook outlook,
            @MultiLine @Size(max = TEXT) String note,
            @PositiveOrZero Long expectedVersion,
            @BusinessTime Instant occurredAt) {
    }

    record ChangeAmountRequest(
            @NotNull @Amount BigDecimal amount,
            @MultiLine @Size(max = TEXT) String reason,
            @PositiveOrZero Long expectedVersion,
            @BusinessTime Instant occurredAt) {
    }

    record SetNextStepRequest(
            @NotBlank @MultiLine @Size(max = TEXT) String description,
            @NotNull @CalendarDate LocalDate dueDate,
            @PositiveOrZero Long expectedVersion,
            @BusinessTime Instant occurredAt) {
    }

    record AddNoteRequest(
            @NotBlank @MultiLine @Size(max = TEXT) String text,
            @PositiveOrZero Long expectedVersion,
            @BusinessTime Instant occurredAt) {
    }

    record ReassignOwnerRequest(
            @NotBlank @SingleLine @Size(max = NAME) String owner,
            @PositiveOrZero Long expectedVersion,
            @BusinessTime Instant occurredAt) {
    }

    record MarkWonRequest(
            @MultiLine @Size(max = TEXT) String note,
            @PositiveOrZero Long expectedVersion,
            @BusinessTime Instant occurredAt) {
    }

    record MarkLostRequest(
            @MultiLine @Size(max = TEXT) String reason,
            @MultiLine @Size(max = TEXT) String note,
            @PositiveOrZero Long expectedVersion,
            @BusinessTime Instant occurredAt) {
    }

    record ReopenRequest(
            @NotBlank @SingleLine @Size(max = KEY) String stage,
            @MultiLine @Size(max = TEXT) String note,
            @PositiveOrZero Long expectedVersion,
            @BusinessTime Instant occurredAt) {
    }
}
