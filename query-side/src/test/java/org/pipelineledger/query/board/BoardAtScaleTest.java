package org.pipelineledger.query.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pipelineledger.query.board.BoardProjectionTest.column;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.LongSummaryStatistics;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.query.CarefulBatches;
import org.pipelineledger.query.support.Days;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.RandomHistory;
import org.pipelineledger.query.testing.TestDatabase;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The board's running totals, its batched writes and its paged cards. */
class BoardAtScaleTest {

    private static final Instant NOW = day(400);

    private final NamedParameterJdbcTemplate jdbc = TestDatabase.migrated();
    private final BoardProjection board = projection(jdbc);
    private final EventFeed feed = new EventFeed(board);

    @Test
    void theTotalsAgreeWithTheDealsAndStaysTheyAreKeptFor() {
        List<OpportunityEvent> history = RandomHistory.of(300, 7);
        publishOneByOne(feed, history);

        Board result = board.handle(new FindBoard("default", 0));

        assertThat(result.openCount()).isPositive();
        List<CompletedStays.Stay> stays = CompletedStays.of(history);
        for (Board.Column column : result.stages()) {
            assertThat(column.count()).as(column.stage()).isEqualTo(count(
                    "SELECT COUNT(*) FROM board_opportunity WHERE status = 'OPEN' AND stage = :stage", column));
            assertThat(column.totalAmount()).as(column.stage()).isEqualByComparingTo(sum(
                    "SELECT SUM(amount) FROM board_opportunity WHERE status = 'OPEN' AND stage = :stage", column));
            LongSummaryStatistics inStage = stays.stream().filter(stay -> stay.stage().equals(column.stage()))
                    .mapToLong(CompletedStays.Stay::seconds).summaryStatistics();
            assertThat(column.averageDaysInStage()).as(column.stage()).isEqualTo(
                    inStage.getCount() == 0 ? null : Days.decimalDays(inStage.getAverage()));
        }
        assertThat(result.openCount()).isEqualTo(result.stages().stream().mapToLong(Board.Column::count).sum());
    }

    @Test
    void eventsAppliedInBatchesGiveTheSameBoardAsOneByOneAndReplayingABatchChangesNothing() {
        List<OpportunityEvent> history = RandomHistory.of(200, 11);
        publishOneByOne(feed, history);

        BoardProjection batched = projection(TestDatabase.migrated());
        EventFeed batchedFeed = new EventFeed(batched);
        // batches of 37: a deal's events fall into one batch and across batches
        for (int from = 0; from < history.size(); from += 37) {
            batchedFeed.publishInOneBatch(history.subList(from, Math.min(history.size(), from + 37))
                    .toArray(OpportunityEvent[]::new));
        }
        Board expected = board.handle(new FindBoard("default", 1000));
        assertThat(batched.handle(new FindBoard("default", 1000))).isEqualTo(expected);

        batchedFeed.redeliverAllInOneBatch();
        assertThat(batched.handle(new FindBoard("default", 1000))).isEqualTo(expected);

        // a careful batch (the one after a failed batch) writes event by event, to the same board
        CarefulBatches afterAFailure = new CarefulBatches();
        afterAFailure.afterAFailedBatch();
        BoardProjection careful = new BoardProjection(TestDatabase.migrated(), PipelineCatalog.withDefaultPipeline(),
                Clock.fixed(NOW, ZoneOffset.UTC), afterAFailure);
        new EventFeed(careful).publishInOneBatch(history.toArray(OpportunityEvent[]::new));
        assertThat(careful.handle(new FindBoard("default", 1000))).isEqualTo(expected);
    }

    @Test
    void aBatchWhoseDealRowChangedUnderneathFailsInsteadOfOverwritingIt() {
        feed.publish(created("A", "QUALIFIED", day(1)));
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(board);
        BatchingUnitOfWork<DomainEventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                new GenericDomainEventMessage<>("Opportunity", "A", 1, advanced("A", "QUALIFIED", "PROPOSAL", day(3)))));

        ResultMessage<?> result = batch.executeWithResult(() -> {
            Object handled = handler.handle(batch.getMessage());
            // another writer of the deal (a processor that lost its claim, a retried dead letter) gets there first
            jdbc.getJdbcTemplate().update("UPDATE board_opportunity SET last_seq = 5, owner = 'other'");
            return handled;
        });

        assertThat(result.isExceptional()).as("the batch fails, to be retried").isTrue();
        assertThat(result.exceptionResult()).hasMessageContaining("changed while the batch applied its events");
        assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT owner FROM board_opportunity", String.class))
                .isEqualTo("other");
    }

    @Test
    void aStageShowsItsFirstCardsAndPagesThroughTheRestLongestInStageFirst() {
        feed.publish(
                created("E", "QUALIFIED", day(5)),
                created("B", "QUALIFIED", day(2)),
                created("A", "QUALIFIED", day(1)),
                created("D", "QUALIFIED", day(3)),
                created("C", "QUALIFIED", day(3)), // same instant as D: the id breaks the tie
                created("X", "PROPOSAL", day(1)));

        Board.Column qualified = column(board.handle(new FindBoard("default", 2)), "QUALIFIED");
        assertThat(qualified.count()).isEqualTo(5);
        assertThat(qualified.totalAmount()).isEqualByComparingTo("5000");
        assertThat(qualified.cards()).extracting(Board.Card::id).containsExactly("A", "B");
        assertThat(qualified.next()).isNotNull();
        assertThat(column(board.handle(new FindBoard("default", 2)), "PROPOSAL").next()).isNull();

        BoardCards second = board.handle(new FindBoardCards("default", "QUALIFIED", qualified.next(), 2));
        assertThat(second.cards()).extracting(Board.Card::id).containsExactly("C", "D");
        assertThat(second.count()).isEqualTo(5);
        BoardCards last = board.handle(new FindBoardCards("default", "QUALIFIED", second.next(), 2));
        assertThat(last.cards()).extracting(Board.Card::id).containsExactly("E");
        assertThat(last.next()).isNull();

        BoardCards all = board.handle(new FindBoardCards("default", "QUALIFIED", null, 10));
        assertThat(all.cards()).extracting(Board.Card::id).containsExactly("A", "B", "C", "D", "E");
        assertThat(all.cards().get(0)).isEqualTo(qualified.cards().get(0));
    }

    @Test
    void aBoardOfCountsOnlyHasNoCardsAndNoCursorTheStagesFirstPageStartsWithoutOne() {
        feed.publish(created("A", "QUALIFIED", day(1)));

        Board.Column qualified = column(board.handle(new FindBoard("default", 0)), "QUALIFIED");

        assertThat(qualified.count()).isEqualTo(1);
        assertThat(qualified.cards()).isEmpty();
        assertThat(qualified.next()).isNull();
        assertThat(board.handle(new FindBoardCards("default", "QUALIFIED", null, null)).cards())
                .extracting(Board.Card::id).containsExactly("A");
    }

    @Test
    void badPagingInputIsRefusedWithItsOwnCode() {
        assertThatThrownBy(() -> new FindBoard("default", -1)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.code()).isEqualTo("INVALID_LIMIT"));
        assertThatThrownBy(() -> new FindBoard("default", 1001)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.code()).isEqualTo("INVALID_LIMIT"));
        assertThatThrownBy(() -> new FindBoardCards("default", "QUALIFIED", null, 0))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_LIMIT"));
        assertThatThrownBy(() -> new FindBoardCards("default", " ", null, null))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("MISSING_STAGE"));
        assertThatThrownBy(() -> board.handle(new FindBoardCards("default", "QUALIFIED", "not-a-cursor", null)))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"));
        assertThatThrownBy(() -> board.handle(new FindBoardCards("default", "NO_SUCH_STAGE", null, null)))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_STAGE"));
    }

    @Test
    void theResetHandlerClearsTheTotalsToo() {
        feed.publish(created("A", "QUALIFIED", day(1)), advanced("A", "QUALIFIED", "PROPOSAL", day(3)));

        feed.reset();

        Board empty = board.handle(new FindBoard("default"));
        assertThat(empty.openCount()).isZero();
        assertThat(empty.stages()).allSatisfy(column -> assertThat(column.averageDaysInStage()).isNull());
        assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM board_stage_total", Long.class))
                .isZero();
    }

    private static void publishOneByOne(EventFeed feed, List<OpportunityEvent> events) {
        feed.publish(events.toArray(OpportunityEvent[]::new));
    }

    private static BoardProjection projection(NamedParameterJdbcTemplate jdbc) {
        return new BoardProjection(jdbc, PipelineCatalog.withDefaultPipeline(), Clock.fixed(NOW, ZoneOffset.UTC),
                new CarefulBatches());
    }

    private long count(String sql, Board.Column column) {
        return jdbc.queryForObject(sql, new MapSqlParameterSource("stage", column.stage()), Long.class);
    }

    private BigDecimal sum(String sql, Board.Column column) {
        BigDecimal value = jdbc.queryForObject(sql, new MapSqlParameterSource("stage", column.stage()),
                BigDecimal.class);
        return value == null ? BigDecimal.ZERO : value;
    }
}
