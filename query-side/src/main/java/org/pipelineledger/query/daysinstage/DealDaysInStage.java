package org.pipelineledger.query.daysinstage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.pipelineledger.events.DealStatus;

/**
 * How long one deal has spent in each stage, as of {@code asOf} (the injected clock). A stay starts when the deal is
 * created in, advances to, reverts to or is reopened in a stage, and ends when it leaves the stage or is won or lost.
 *
 * @param currentStage the stage the deal is in; {@code null} once won or lost
 * @param enteredAt    when it entered {@code currentStage}; {@code null} once won or lost
 * @param daysInStage  completed 24-hour periods in {@code currentStage} so far; {@code null} once won or lost
 * @param stages       time per stage summed over every visit (a stage visited twice adds both stays, the current
 *                     one counted up to {@code asOf}), visited stages only, in pipeline order
 * @param visits       every stay in the order they began
 */
public record DealDaysInStage(
        String id,
        String pipeline,
        DealStatus status,
        Instant asOf,
        String currentStage,
        Instant enteredAt,
        Long daysInStage,
        List<StageTotal> stages,
        List<Visit> visits) {

    /**
     * @param visits how many times the deal entered the stage
     * @param days   total time in the stage, in days to one decimal
     */
    public record StageTotal(String stage, int visits, BigDecimal days) {
    }

    /**
     * @param exitedAt {@code null} for the stay still running
     * @param days     length of the stay (up to {@code asOf} if still running), in days to one decimal
     * @param current  the stay still running
     */
    public record Visit(String stage, Instant enteredAt, Instant exitedAt, BigDecimal days, boolean current) {
    }
}
