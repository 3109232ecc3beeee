package org.pipelineledger.query.board;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.pipelineledger.events.Outlook;

/**
 * The open deals of one pipeline, by stage, as of {@code asOf} (the injected clock): every stage's count and total,
 * and its first cards.
 *
 * @param pipeline    pipeline key
 * @param displayName pipeline display name
 * @param currency    the pipeline's currency; every amount on the board is in it
 * @param asOf        the instant the time-dependent fields ({@code daysInStage}, {@code stale},
 *                    {@code closeDateOverdue}) were computed for
 * @param openCount   open deals on the board
 * @param openAmount  sum of their amounts
 * @param stages      every stage of the pipeline in pipeline order, empty ones included; a stage that open deals
 *                    are in but that the pipeline no longer defines is appended at the end rather than hidden
 */
public record Board(
        String pipeline,
        String displayName,
        String currency,
        Instant asOf,
        long openCount,
        BigDecimal openAmount,
        List<Column> stages) {

    /**
     * One stage of the board.
     *
     * @param averageDaysInStage mean length, in days to one decimal, of the completed stays in this stage across all
     *                           deals of the pipeline (a stay is completed when the deal moves on, is won or is lost);
     *                           {@code null} while no deal has completed a stay here
     * @param count              open deals in this stage, all of them, however many cards are shown
     * @param totalAmount        sum of their amounts
     * @param cards              the first open deals of this stage, longest in the stage first, as many as the
     *                           board was asked for ({@code cardsPerStage})
     * @param next               when the stage has more open deals than cards shown: the cursor of the next page
     *                           ({@code GET /api/board/cards?stage=...&after=...}); absent otherwise, and on a
     *                           board of counts only ({@code cardsPerStage=0}), whose stages' first pages are asked
     *                           for without a cursor
     */
    public record Column(
            String stage,
            String displayName,
            long count,
            BigDecimal totalAmount,
            BigDecimal averageDaysInStage,
            List<Card> cards,
            String next) {
    }

    /**
     * One open deal on the board.
     *
     * @param daysInStage      completed 24-hour periods since the deal entered its current stage, as of the clock
     * @param stale            the deal has been in its stage for more than twice the stage's average completed stay
     *                         (compared to the second, not in rounded days); never stale while the stage has no
     *                         completed stays to compare with
     * @param closeDateOverdue the expected close date is before today (UTC, per the clock)
     */
    public record Card(
            String id,
            String name,
            String account,
            String owner,
            BigDecimal amount,
            String currency,
            LocalDate closeDate,
            Outlook outlook,
            Instant stageEnteredAt,
            long daysInStage,
            boolean stale,
            boolean closeDateOverdue) {
    }
}
