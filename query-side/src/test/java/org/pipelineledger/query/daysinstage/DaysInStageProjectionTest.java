package org.pipelineledger.query.daysinstage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.createdIn;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.lost;
import static org.pipelineledger.query.testing.Deals.reopened;
import static org.pipelineledger.query.testing.Deals.reverted;
import static org.pipelineledger.query.testing.Deals.won;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.TestDatabase;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

class DaysInStageProjectionTest {

    /** "Now" for every test: day 30. */
    private static final Instant NOW = day(30);

    private DaysInStageProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp() {
        projection = new DaysInStageProjection(TestDatabase.migrated(), PipelineCatalog.withDefaultPipeline(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        feed = new EventFeed(projection);
    }

    @Test
    void aDealShowsItsCurrentStageWhenItEnteredItAndTheDaysSoFar() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                advanced("A", "PROSPECTING", "DISCOVERY", day(17.5)));

        DealDaysInStage deal = projection.handle(new GetDaysInStage(id("A")));

        assertThat(deal.status()).isEqualTo(DealStatus.OPEN);
        assertThat(deal.currentStage()).isEqualTo("DISCOVERY");
        assertThat(deal.enteredAt()).isEqualTo(day(17.5));
        assertThat(deal.daysInStage()).isEqualTo(12); // 12.5 days
        assertThat(deal.asOf()).isEqualTo(NOW);
    }

    @Test
    void timeInAStageVisitedTwiceIsTheSumOfBothStays() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                advanced("A", "PROSPECTING", "QUALIFIED", day(3)),
                reverted("A", "QUALIFIED", "PROSPECTING", ReversionReason.PREMATURE_ADVANCE, day(4)),
                advanced("A", "PROSPECTING", "QUALIFIED", day(6.5)),
                advanced("A", "QUALIFIED", "PROPOSAL", day(10)));

        DealDaysInStage deal = projection.handle(new GetDaysInStage(id("A")));

        assertThat(deal.stages()).extracting(DealDaysInStage.StageTotal::stage, DealDaysInStage.StageTotal::visits,
                        DealDaysInStage.StageTotal::days)
                .containsExactly(
                        tuple("PROSPECTING", 2, new BigDecimal("5.5")),
                        tuple("QUALIFIED", 2, new BigDecimal("4.5")),
                        tuple("PROPOSAL", 1, new BigDecimal("20.0"))); // still there: counted up to now
        assertThat(deal.visits()).extracting(DealDaysInStage.Visit::stage, DealDaysInStage.Visit::current)
                .containsExactly(
                        tuple("PROSPECTING", false), tuple("QUALIFIED", false), tuple("PROSPECTING", false),
                        tuple("QUALIFIED", false), tuple("PROPOSAL", true));
    }

    @Test
    void winningEndsTheStayAndReopeningStartsANewOne() {
        feed.publish(
                created("A", "PROPOSAL", day(0)),
                won("A", "PROPOSAL", day(4)));

        DealDaysInStage closed = projection.handle(new GetDaysInStage(id("A")));
        assertThat(closed.status()).isEqualTo(DealStatus.WON);
        assertThat(closed.currentStage()).isNull();
        assertThat(closed.daysInStage()).isNull();
        assertThat(closed.visits()).singleElement().satisfies(visit -> {
            assertThat(visit.exitedAt()).isEqualTo(day(4));
            assertThat(visit.days()).isEqualByComparingTo("4.0");
        });

        feed.publish(reopened("A", DealStatus.WON, "NEGOTIATION", day(20)));

        DealDaysInStage reopened = projection.handle(new GetDaysInStage(id("A")));
        assertThat(reopened.status()).isEqualTo(DealStatus.OPEN);
        assertThat(reopened.currentStage()).isEqualTo("NEGOTIATION");
        assertThat(reopened.daysInStage()).isEqualTo(10);
        assertThat(reopened.visits()).hasSize(2);
    }

    @Test
    void theReportGivesAverageMedianAndP90OfCompletedStays() {
        // QUALIFIED stays of 1, 2, 3, 4 and 10 days
        double[] stays = {1, 2, 3, 4, 10};
        for (int i = 0; i < stays.length; i++) {
            String deal = "D" + i;
            feed.publish(created(deal, "QUALIFIED", day(0)), advanced(deal, "QUALIFIED", "DISCOVERY", day(stays[i])));
        }

        DaysInStageReport.StageStatistics qualified = statistics(projection.handle(new GetDaysInStageReport(null)),
                "QUALIFIED");

        assertThat(qualified.completedStays()).isEqualTo(5);
        assertThat(qualified.averageDays()).isEqualByComparingTo("4.0");
        assertThat(qualified.medianDays()).isEqualByComparingTo("3.0");
        assertThat(qualified.p90Days()).isEqualByComparingTo("10.0");
    }

    @Test
    void theMedianOfAnEvenNumberOfStaysIsTheMeanOfTheMiddleTwo() {
        double[] stays = {1, 2, 4, 8};
        for (int i = 0; i < stays.length; i++) {
            String deal = "D" + i;
            feed.publish(created(deal, "PROPOSAL", day(0)), lost(deal, "PROPOSAL", day(stays[i])));
        }

        DaysInStageReport.StageStatistics proposal = statistics(projection.handle(new GetDaysInStageReport("default")),
                "PROPOSAL");

        assertThat(proposal.medianDays()).isEqualByComparingTo("3.0");
        assertThat(proposal.averageDays()).isEqualByComparingTo("3.8"); // 3.75 rounded half up
        assertThat(proposal.p90Days()).isEqualByComparingTo("8.0");
    }

    @Test
    void theReportCountsStaysStillRunningApartFromCompletedOnes() {
        feed.publish(
                created("A", "DISCOVERY", day(20)),
                created("B", "DISCOVERY", day(26)));

        DaysInStageReport report = projection.handle(new GetDaysInStageReport("default"));

        DaysInStageReport.StageStatistics discovery = statistics(report, "DISCOVERY");
        assertThat(discovery.completedStays()).isZero();
        assertThat(discovery.averageDays()).isNull();
        assertThat(discovery.medianDays()).isNull();
        assertThat(discovery.p90Days()).isNull();
        assertThat(discovery.openStays()).isEqualTo(2);
        assertThat(discovery.averageOpenDays()).isEqualByComparingTo("7.0");
        assertThat(report.stages()).extracting(DaysInStageReport.StageStatistics::stage)
                .containsExactly("PROSPECTING", "QUALIFIED", "DISCOVERY", "PROPOSAL", "NEGOTIATION");
    }

    @Test
    void theReportCountsOnlyItsOwnPipelinesStaysAndAppendsAStageNoLongerDefined() {
        projection = new DaysInStageProjection(TestDatabase.migrated(),
                new PipelineCatalog(List.of(PipelineDefinition.defaultPipeline(),
                        new PipelineDefinition("renewals", "Renewals", "USD",
                                List.of(new StageDefinition(StageKey.of("QUALIFIED"), "Qualified", null))))),
                Clock.fixed(NOW, ZoneOffset.UTC));
        feed = new EventFeed(projection);
        feed.publish(
                created("A", "QUALIFIED", day(0)),
                advanced("A", "QUALIFIED", "DISCOVERY", day(2)),
                createdIn("renewals", "R", "QUALIFIED", day(0)),
                createdIn("renewals", "S", "QUALIFIED", day(1)),
                created("OLD", "ARCHIVED", day(10)));

        DaysInStageReport report = projection.handle(new GetDaysInStageReport("default"));

        DaysInStageReport.StageStatistics qualified = statistics(report, "QUALIFIED");
        assertThat(qualified.completedStays()).isEqualTo(1);
        assertThat(qualified.openStays()).isZero();
        assertThat(qualified.averageDays()).isEqualByComparingTo("2.0");
        assertThat(statistics(report, "DISCOVERY").openStays()).isEqualTo(1);
        assertThat(report.stages()).extracting(DaysInStageReport.StageStatistics::stage)
                .containsExactly("PROSPECTING", "QUALIFIED", "DISCOVERY", "PROPOSAL", "NEGOTIATION", "ARCHIVED");
        DaysInStageReport.StageStatistics archived = statistics(report, "ARCHIVED");
        assertThat(archived.displayName()).isEqualTo("ARCHIVED");
        assertThat(archived.openStays()).isEqualTo(1);
        assertThat(archived.averageOpenDays()).isEqualByComparingTo("20.0");

        DaysInStageReport renewals = projection.handle(new GetDaysInStageReport("renewals"));
        assertThat(renewals.stages()).singleElement().satisfies(s -> {
            assertThat(s.completedStays()).isZero();
            assertThat(s.openStays()).isEqualTo(2);
            assertThat(s.averageOpenDays()).isEqualByComparingTo("29.5");
        });
    }

    @Test
    void theReportReadInChunksCountsEveryStayOnceWhateverTheChunkSize() {
        NamedParameterJdbcTemplate db = TestDatabase.migrated();
        projection = new DaysInStageProjection(db, PipelineCatalog.withDefaultPipeline(), Clock.fixed(NOW, ZoneOffset.UTC));
        feed = new EventFeed(projection);
        publishAMixedHistory(); // six stays
        DaysInStageReport inOneChunk = projection.handle(new GetDaysInStageReport("default"));

        for (int rows : new int[] {1, 2, 3, 5, 6, 7}) {
            DaysInStageProjection chunked = new DaysInStageProjection(db, PipelineCatalog.withDefaultPipeline(),
                    Clock.fixed(NOW, ZoneOffset.UTC), rows, () -> {
            });
            assertThat(chunked.handle(new GetDaysInStageReport("default"))).as("chunks of %d", rows)
                    .isEqualTo(inOneChunk);
        }
        assertThat(inOneChunk.stages()).extracting(s -> s.completedStays() + s.openStays())
                .containsExactly(2L, 1L, 1L, 2L, 0L);
    }

    @Test
    void aDealThatMovesWhileTheReportIsReadCountsOnceInTheStageItWasInWhenTheReadBegan() {
        NamedParameterJdbcTemplate db = TestDatabase.migrated();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        EventFeed writer = new EventFeed(new DaysInStageProjection(db, PipelineCatalog.withDefaultPipeline(), clock));
        writer.publish(
                created("A", "PROSPECTING", day(0)), // the first stay: read in the first chunk, before it moves
                created("B", "PROSPECTING", day(1)),
                created("C", "PROSPECTING", day(2)),
                created("D", "DISCOVERY", day(3)),
                created("E", "DISCOVERY", day(4)));
        AtomicInteger moves = new AtomicInteger();
        DaysInStageProjection reader = new DaysInStageProjection(db, PipelineCatalog.withDefaultPipeline(), clock, 2,
                () -> {
                    if (moves.getAndIncrement() == 0) { // committed by another thread, as the processor would
                        CompletableFuture.runAsync(() ->
                                writer.publish(advanced("A", "PROSPECTING", "QUALIFIED", day(10)))).join();
                    }
                });

        DaysInStageReport during = reader.handle(new GetDaysInStageReport("default"));

        assertThat(moves).hasValue(2); // three chunks: the move happened between the first and the second
        assertThat(statistics(during, "PROSPECTING").openStays()).isEqualTo(3);
        assertThat(statistics(during, "PROSPECTING").completedStays()).isZero();
        assertThat(statistics(during, "QUALIFIED").openStays()).isZero();
        DaysInStageReport after = reader.handle(new GetDaysInStageReport("default"));
        assertThat(statistics(after, "PROSPECTING").openStays()).isEqualTo(2);
        assertThat(statistics(after, "PROSPECTING").completedStays()).isEqualTo(1);
        assertThat(statistics(after, "QUALIFIED").openStays()).isEqualTo(1);
    }

    @Test
    void eventsThatDoNotChangeTheStageLeaveTheStaysAlone() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                new NoteAdded(id("A"), "hello", day(1)),
                advanced("A", "PROSPECTING", "QUALIFIED", day(2)));

        assertThat(projection.handle(new GetDaysInStage(id("A"))).visits()).hasSize(2);
    }

    @Test
    void replayingTheSameEventsTwiceGivesTheSameAnswers() {
        publishAMixedHistory();
        DealDaysInStage dealBefore = projection.handle(new GetDaysInStage(id("A")));
        DaysInStageReport reportBefore = projection.handle(new GetDaysInStageReport("default"));

        feed.redeliverAll();

        assertThat(projection.handle(new GetDaysInStage(id("A")))).isEqualTo(dealBefore);
        assertThat(projection.handle(new GetDaysInStageReport("default"))).isEqualTo(reportBefore);
    }

    @Test
    void theResetHandlerClearsEveryStaySoAReplayRebuildsThemFromScratch() {
        publishAMixedHistory();
        DaysInStageReport before = projection.handle(new GetDaysInStageReport("default"));

        feed.reset();
        assertThatThrownBy(() -> projection.handle(new GetDaysInStage(id("A")))).isInstanceOf(LedgerException.class);
        assertThat(projection.handle(new GetDaysInStageReport("default")).stages())
                .allSatisfy(s -> assertThat(s.completedStays() + s.openStays()).isZero());

        feed.resetAndReplay();
        assertThat(projection.handle(new GetDaysInStageReport("default"))).isEqualTo(before);
    }

    @Test
    void anUnknownDealIsNotFoundAndAnUnknownPipelineIsABadRequest() {
        assertThatThrownBy(() -> projection.handle(new GetDaysInStage(id("nope"))))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code()).isEqualTo("OPPORTUNITY_NOT_FOUND"));
        assertThatThrownBy(() -> projection.handle(new GetDaysInStageReport("nope")))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code()).isEqualTo("UNKNOWN_PIPELINE"));
    }

    private void publishAMixedHistory() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                created("B", "PROSPECTING", day(1)),
                advanced("A", "PROSPECTING", "PROPOSAL", day(2)),
                reverted("A", "PROPOSAL", "QUALIFIED", ReversionReason.CHANGING_NEEDS, day(4)),
                lost("B", "PROSPECTING", day(6)),
                reopened("B", DealStatus.LOST, "DISCOVERY", day(7)),
                advanced("A", "QUALIFIED", "PROPOSAL", day(9)));
    }

    private static DaysInStageReport.StageStatistics statistics(DaysInStageReport report, String stage) {
        return report.stages().stream().filter(s -> s.stage().equals(stage)).findFirst().orElseThrow();
    }
}
