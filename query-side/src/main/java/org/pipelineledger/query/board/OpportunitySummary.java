package org.pipelineledger.query.board;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.Outlook;

/**
 * The current state of one deal, open or closed.
 *
 * @param stage    the stage it is in, or for a closed deal the stage it was won or lost from
 * @param closedAt when it was won or lost; {@code null} while open
 * @param version  sequence number of the deal's last event (0 right after creation); pass it as
 *                 {@code expectedVersion} to guard a command against concurrent changes
 */
public record OpportunitySummary(
        String id,
        String name,
        String account,
        String owner,
        String pipeline,
        String stage,
        DealStatus status,
        BigDecimal amount,
        String currency,
        LocalDate closeDate,
        Outlook outlook,
        String nextStep,
        LocalDate nextStepDue,
        Instant stageEnteredAt,
        Instant createdAt,
        Instant closedAt,
        long version) {
}
