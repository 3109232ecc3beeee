package org.pipelineledger.query.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.lost;
import static org.pipelineledger.query.testing.Deals.reopened;
import static org.pipelineledger.query.testing.Deals.reverted;
import static org.pipelineledger.query.testing.Deals.usd;
import static org.pipelineledger.query.testing.Deals.won;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.NextStepSet;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OutlookChanged;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemKind;
import org.pipelineledger.query.CarefulBatches;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.TestDatabase;

class BoardProjectionTest {

    /** "Now" for every test: day 30, 2025-01-31T09:00Z. */
    private static final Instant NOW = day(30);

    private BoardProjection board;
    private EventFeed feed;

    @BeforeEach
    void setUp() {
        board = new BoardProjection(TestDatabase.migrated(), PipelineCatalog.withDefaultPipeline(),
                Clock.fixed(NOW, ZoneOffset.UTC), new CarefulBatches());
        feed = new EventFeed(board);
    }

    @Test
    void showsEveryStageOfThePipelineInOrderEvenWhenEmpty() {
        Board result = board.handle(new FindBoard("default"));

        assertThat(result.stages()).extracting(Board.Column::stage)
                .containsExactly("PROSPECTING", "QUALIFIED", "DISCOVERY", "PROPOSAL", "NEGOTIATION");
        assertThat(result.stages()).allSatisfy(column -> {
            assertThat(column.count()).isZero();
            assertThat(column.totalAmount()).isEqualByComparingTo("0");
            assertThat(column.cards()).isEmpty();
            assertThat(column.averageDaysInStage()).isNull();
        });
        assertThat(result.openCount()).isZero();
        assertThat(result.asOf()).isEqualTo(NOW);
        assertThat(result.currency()).isEqualTo("USD");
    }

    @Test
    void countsAndSumsTheOpenDealsOfEachStage() {
        feed.publish(
                created("A", "rep", "PROSPECTING", usd("1000.50"), LocalDate.parse("2025-06-30"), day(0)),
                created("B", "rep2", "PROSPECTING", usd("2000"), LocalDate.parse("2025-06-30"), day(1)),
                created("C", "rep", "PROSPECTING", usd("500"), LocalDate.parse("2025-06-30"), day(2)),
                advanced("C", "PROSPECTING", "PROPOSAL", day(3)));

        Board result = board.handle(new FindBoard("default"));

        Board.Column prospecting = column(result, "PROSPECTING");
        assertThat(prospecting.count()).isEqualTo(2);
        assertThat(prospecting.totalAmount()).isEqualByComparingTo("3000.50");
        assertThat(prospecting.displayName()).isEqualTo("Prospecting");
        assertThat(prospecting.cards()).extracting(Board.Card::id).containsExactly("A", "B");
        assertThat(column(result, "PROPOSAL").cards()).extracting(Board.Card::id).containsExactly("C");
        assertThat(result.openCount()).isEqualTo(3);
        assertThat(result.openAmount()).isEqualByComparingTo("3500.50");
    }

    @Test
    void oneOwnersBoardCountsOnlyItsDealsButJudgesStalenessByTheWholePipeline() {
        feed.publish(
                created("A", "rep", "PROSPECTING", usd("100"), LocalDate.parse("2025-06-30"), day(0)),
                created("B", "rep2", "PROSPECTING", usd("200"), LocalDate.parse("2025-06-30"), day(1)),
                created("C", "rep", "PROSPECTING", usd("300"), LocalDate.parse("2025-06-30"), day(2)),
                created("D", "rep2", "PROSPECTING", usd("400"), LocalDate.parse("2025-06-30"), day(28)),
                // rep2's deal B leaves PROSPECTING after 2 days: the stage's only completed stay
                advanced("B", "PROSPECTING", "QUALIFIED", day(3)),
                new OwnerReassigned(id("C"), "rep", "rep2", day(4)));

        Board mine = board.handle(new FindBoard("default", 100, "rep"));

        Board.Column prospecting = column(mine, "PROSPECTING");
        assertThat(prospecting.count()).isEqualTo(1);
        assertThat(prospecting.totalAmount()).isEqualByComparingTo("100");
        assertThat(prospecting.averageDaysInStage()).isEqualByComparingTo("2.0");
        assertThat(prospecting.cards()).extracting(Board.Card::id).containsExactly("A");
        assertThat(prospecting.cards().get(0).stale()).isTrue();
        assertThat(column(mine, "QUALIFIED").count()).isZero();
        assertThat(mine.openCount()).isEqualTo(1);
        assertThat(mine.openAmount()).isEqualByComparingTo("100");

        Board theirs = board.handle(new FindBoard("default", 1, "rep2"));
        assertThat(column(theirs, "PROSPECTING").count()).isEqualTo(2);
        assertThat(column(theirs, "PROSPECTING").cards()).extracting(Board.Card::id).containsExactly("C");
        BoardCards rest = board.handle(new FindBoardCards("default", "PROSPECTING",
                column(theirs, "PROSPECTING").next(), 10, "rep2"));
        assertThat(rest.cards()).extracting(Board.Card::id).containsExactly("D");
        assertThat(rest.count()).isEqualTo(2);
        assertThat(rest.next()).isNull();
        assertThat(board.handle(new FindBoard("default", 100, "nobody")).openCount()).isZero();
    }

    @Test
    void aCardShowsTheDealsCurrentFields() {
        feed.publish(
                created("A", "rep", "PROSPECTING", usd("1000"), LocalDate.parse("2025-03-31"), day(0)),
                new AmountChanged(id("A"), usd("1000"), usd("2500.00"), "scope grew", day(1)),
                new OutlookChanged(id("A"), Outlook.NEUTRAL, Outlook.POSITIVE, null, day(2)),
                new OwnerReassigned(id("A"), "rep", "rep2", day(3)),
                new CloseDateSlipped(id("A"), LocalDate.parse("2025-03-31"), LocalDate.parse("2025-04-30"), 30,
                        "legal", day(4)));

        Board.Card card = column(board.handle(new FindBoard("default")), "PROSPECTING").cards().get(0);

        assertThat(card.name()).isEqualTo("Deal A");
        assertThat(card.account()).isEqualTo("Account of A");
        assertThat(card.owner()).isEqualTo("rep2");
        assertThat(card.amount()).isEqualTo(new BigDecimal("2500"));
        assertThat(card.currency()).isEqualTo("USD");
        assertThat(card.outlook()).isEqualTo(Outlook.POSITIVE);
        assertThat(card.closeDate()).isEqualTo(LocalDate.parse("2025-04-30"));
        assertThat(card.stageEnteredAt()).isEqualTo(day(0));
    }

    @Test
    void aCardMovesWithTheDealForwardAndBackward() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                advanced("A", "PROSPECTING", "DISCOVERY", day(5)),
                reverted("A", "DISCOVERY", "QUALIFIED", ReversionReason.BUDGET, day(8)));

        Board result = board.handle(new FindBoard("default"));

        assertThat(column(result, "DISCOVERY").cards()).isEmpty();
        Board.Card card = column(result, "QUALIFIED").cards().get(0);
        assertThat(card.id()).isEqualTo("A");
        assertThat(card.stageEnteredAt()).isEqualTo(day(8));
    }

    @Test
    void daysInStageCountsWholeDaysSinceTheStageWasEnteredAsOfTheClock() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                advanced("A", "PROSPECTING", "QUALIFIED", day(19.75)));

        Board.Card card = column(board.handle(new FindBoard("default")), "QUALIFIED").cards().get(0);

        assertThat(card.daysInStage()).isEqualTo(10); // 10.25 days
    }

    @Test
    void wonAndLostDealsLeaveTheBoardAndAReopenedDealComesBackInItsNewStage() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                created("B", "PROSPECTING", day(0)),
                won("A", "PROSPECTING", day(2)),
                lost("B", "PROSPECTING", day(3)),
                reopened("B", DealStatus.LOST, "QUALIFIED", day(4)));

        Board result = board.handle(new FindBoard("default"));

        assertThat(column(result, "PROSPECTING").cards()).isEmpty();
        assertThat(column(result, "QUALIFIED").cards()).extracting(Board.Card::id, Board.Card::stageEnteredAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("B", day(4)));
        assertThat(result.openCount()).isEqualTo(1);
    }

    @Test
    void aDealIsStaleWhenInItsStageLongerThanTwiceTheStagesAverageCompletedStay() {
        feed.publish(
                // completed QUALIFIED stays of 4 and 6 days: average 5 days
                created("X", "QUALIFIED", day(0)),
                advanced("X", "QUALIFIED", "DISCOVERY", day(4)),
                created("Y", "QUALIFIED", day(0)),
                lost("Y", "QUALIFIED", day(6)),
                created("STALE", "QUALIFIED", day(30 - 10.01)),
                created("AT_LIMIT", "QUALIFIED", day(30 - 10)),
                created("FRESH", "QUALIFIED", day(29)));

        Board.Column qualified = column(board.handle(new FindBoard("default")), "QUALIFIED");

        assertThat(qualified.averageDaysInStage()).isEqualByComparingTo("5.0");
        assertThat(qualified.cards()).filteredOn(Board.Card::stale).extracting(Board.Card::id)
                .containsExactly("STALE");
    }

    @Test
    void aStageWithoutCompletedStaysHasNoAverageAndNothingInItIsStale() {
        feed.publish(created("OLD", "NEGOTIATION", day(-300)));

        Board.Column negotiation = column(board.handle(new FindBoard("default")), "NEGOTIATION");

        assertThat(negotiation.averageDaysInStage()).isNull();
        assertThat(negotiation.cards().get(0).stale()).isFalse();
    }

    @Test
    void theStageAverageCountsEveryStayIncludingReEntries() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                advanced("A", "PROSPECTING", "QUALIFIED", day(2)),
                reverted("A", "QUALIFIED", "PROSPECTING", ReversionReason.PREMATURE_ADVANCE, day(3)),
                advanced("A", "PROSPECTING", "QUALIFIED", day(7)));

        Board result = board.handle(new FindBoard("default"));

        assertThat(column(result, "PROSPECTING").averageDaysInStage()).isEqualByComparingTo("3.0"); // 2 and 4 days
        assertThat(column(result, "QUALIFIED").averageDaysInStage()).isEqualByComparingTo("1.0");
    }

    @Test
    void theCloseDateIsOverdueOnlyWhenItIsBeforeTodayInUtc() {
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        feed.publish(
                created("YESTERDAY", "rep", "PROSPECTING", usd("1"), today.minusDays(1), day(0)),
                created("TODAY", "rep", "PROSPECTING", usd("1"), today, day(0)),
                created("LATER", "rep", "PROSPECTING", usd("1"), today.plusDays(1), day(0)),
                created("PULLED", "rep", "PROSPECTING", usd("1"), today.plusDays(10), day(0)),
                new CloseDatePulledIn(id("PULLED"), today.plusDays(10), today.minusDays(2), 12, "early", day(1)));

        Board.Column prospecting = column(board.handle(new FindBoard("default")), "PROSPECTING");

        assertThat(prospecting.cards()).filteredOn(Board.Card::closeDateOverdue).extracting(Board.Card::id)
                .containsExactlyInAnyOrder("YESTERDAY", "PULLED");
    }

    @Test
    void theSummaryOfADealCarriesItsFieldsAndItsVersion() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                new NextStepSet(id("A"), "Send proposal", LocalDate.parse("2025-02-10"), day(1)),
                new NoteAdded(id("A"), "Talked to the CFO", day(2)),
                advanced("A", "PROSPECTING", "QUALIFIED", day(3)));

        OpportunitySummary summary = board.handle(new FindOpportunity(id("A")));

        assertThat(summary.id()).isEqualTo("A");
        assertThat(summary.pipeline()).isEqualTo("default");
        assertThat(summary.stage()).isEqualTo("QUALIFIED");
        assertThat(summary.status()).isEqualTo(DealStatus.OPEN);
        assertThat(summary.nextStep()).isEqualTo("Send proposal");
        assertThat(summary.nextStepDue()).isEqualTo(LocalDate.parse("2025-02-10"));
        assertThat(summary.createdAt()).isEqualTo(day(0));
        assertThat(summary.stageEnteredAt()).isEqualTo(day(3));
        assertThat(summary.closedAt()).isNull();
        assertThat(summary.version()).isEqualTo(3);
    }

    @Test
    void aClosedDealStillHasASummary() {
        feed.publish(created("A", "PROPOSAL", day(0)), won("A", "PROPOSAL", day(9)));

        OpportunitySummary summary = board.handle(new FindOpportunity(id("A")));

        assertThat(summary.status()).isEqualTo(DealStatus.WON);
        assertThat(summary.stage()).isEqualTo("PROPOSAL");
        assertThat(summary.closedAt()).isEqualTo(day(9));
        assertThat(summary.version()).isEqualTo(1);
    }

    @Test
    void anUnknownDealIsNotFound() {
        assertThatThrownBy(() -> board.handle(new FindOpportunity(id("nope"))))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("OPPORTUNITY_NOT_FOUND");
                    assertThat(e.kind()).isEqualTo(ProblemKind.NOT_FOUND);
                });
    }

    @Test
    void anUnknownPipelineIsABadRequest() {
        assertThatThrownBy(() -> board.handle(new FindBoard("nope")))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNKNOWN_PIPELINE");
                    assertThat(e.kind()).isEqualTo(ProblemKind.BAD_REQUEST);
                });
    }

    @Test
    void replayingTheSameEventsTwiceGivesTheSameBoardAndSummaries() {
        publishAMixedHistory();
        Board before = board.handle(new FindBoard("default"));
        OpportunitySummary summaryBefore = board.handle(new FindOpportunity(id("A")));

        feed.redeliverAll();

        assertThat(board.handle(new FindBoard("default"))).isEqualTo(before);
        assertThat(board.handle(new FindOpportunity(id("A")))).isEqualTo(summaryBefore);
    }

    @Test
    void theResetHandlerClearsTheBoardSoAReplayRebuildsItFromScratch() {
        publishAMixedHistory();
        Board before = board.handle(new FindBoard("default"));

        feed.reset();
        assertThat(board.handle(new FindBoard("default")).openCount()).isZero();
        assertThatThrownBy(() -> board.handle(new FindOpportunity(id("A")))).isInstanceOf(LedgerException.class);

        feed.resetAndReplay();
        assertThat(board.handle(new FindBoard("default"))).isEqualTo(before);
    }

    private void publishAMixedHistory() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                created("B", "PROSPECTING", day(1)),
                advanced("A", "PROSPECTING", "PROPOSAL", day(2)),
                reverted("A", "PROPOSAL", "QUALIFIED", ReversionReason.CHANGING_NEEDS, day(4)),
                new AmountChanged(id("B"), usd("1000"), usd("4000"), null, day(5)),
                lost("B", "PROSPECTING", day(6)),
                reopened("B", DealStatus.LOST, "DISCOVERY", day(7)));
    }

    static Board.Column column(Board board, String stage) {
        return board.stages().stream().filter(c -> c.stage().equals(stage)).findFirst().orElseThrow();
    }
}
