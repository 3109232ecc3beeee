package org.pipelineledger.query.slippage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.usd;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemKind;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.TestDatabase;

class SlippageProjectionTest {

    private static final LocalDate JUNE_30 = LocalDate.parse("2025-06-30");

    private SlippageProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp() {
        PipelineCatalog catalog = new PipelineCatalog(List.of(PipelineDefinition.defaultPipeline(),
                new PipelineDefinition("renewals", "Renewals", "USD",
                        List.of(new StageDefinition(StageKey.of("DUE"), "Due", null)))));
        projection = new SlippageProjection(TestDatabase.migrated(), catalog);
        feed = new EventFeed(projection);
    }

    @Test
    void everyCloseDateChangeIsRecordedWithWhoMadeItAndWhy() {
        feed.publish(created("A", "PROSPECTING", day(0)));
        feed.publishAs("rep", slipped("A", JUNE_30, JUNE_30.plusDays(31), "legal review", 1));
        feed.publishAs("manager", pulledIn("A", JUNE_30.plusDays(31), JUNE_30.plusDays(10), "budget freed", 2));

        DealSlippage slippage = projection.handle(new GetSlippage(id("A")));

        assertThat(slippage.changes()).extracting(DealSlippage.Change::sequence, DealSlippage.Change::from,
                        DealSlippage.Change::to, DealSlippage.Change::days, DealSlippage.Change::direction,
                        DealSlippage.Change::occurredAt, DealSlippage.Change::actor, DealSlippage.Change::reason)
                .containsExactly(
                        tuple(1L, JUNE_30, JUNE_30.plusDays(31), 31L, DealSlippage.Direction.SLIPPED, day(1), "rep",
                                "legal review"),
                        tuple(2L, JUNE_30.plusDays(31), JUNE_30.plusDays(10), 21L, DealSlippage.Direction.PULLED_IN,
                                day(2), "manager", "budget freed"));
    }

    @Test
    void theTotalsCompareTheOriginalAndCurrentCloseDates() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                slipped("A", JUNE_30, JUNE_30.plusDays(10), null, 1),
                slipped("A", JUNE_30.plusDays(10), JUNE_30.plusDays(40), null, 2),
                pulledIn("A", JUNE_30.plusDays(40), JUNE_30.plusDays(35), null, 3));

        DealSlippage slippage = projection.handle(new GetSlippage(id("A")));

        assertThat(slippage.originalCloseDate()).isEqualTo(JUNE_30);
        assertThat(slippage.currentCloseDate()).isEqualTo(JUNE_30.plusDays(35));
        assertThat(slippage.slipCount()).isEqualTo(2);
        assertThat(slippage.totalSlipDays()).isEqualTo(40);
        assertThat(slippage.pullInCount()).isEqualTo(1);
        assertThat(slippage.totalPullInDays()).isEqualTo(5);
        assertThat(slippage.netDays()).isEqualTo(35);
        assertThat(slippage.name()).isEqualTo("Deal A");
        assertThat(slippage.owner()).isEqualTo("rep");
    }

    @Test
    void aDealThatNeverMovedItsCloseDateHasNoChanges() {
        feed.publish(created("A", "PROSPECTING", day(0)));

        DealSlippage slippage = projection.handle(new GetSlippage(id("A")));

        assertThat(slippage.changes()).isEmpty();
        assertThat(slippage.originalCloseDate()).isEqualTo(slippage.currentCloseDate());
        assertThat(slippage.slipCount()).isZero();
    }

    @Test
    void theReportRanksByTotalSlipDaysThenBySlipCount() {
        feed.publish(
                created("FEW_BIG", "PROSPECTING", day(0)),
                slipped("FEW_BIG", JUNE_30, JUNE_30.plusDays(60), null, 1),
                created("MANY_SMALL", "PROSPECTING", day(0)),
                slipped("MANY_SMALL", JUNE_30, JUNE_30.plusDays(10), null, 1),
                slipped("MANY_SMALL", JUNE_30.plusDays(10), JUNE_30.plusDays(20), null, 2),
                created("TIE_ONE_SLIP", "PROSPECTING", day(0)),
                slipped("TIE_ONE_SLIP", JUNE_30, JUNE_30.plusDays(20), null, 1),
                created("ONLY_PULLED_IN", "PROSPECTING", day(0)),
                pulledIn("ONLY_PULLED_IN", JUNE_30, JUNE_30.minusDays(5), null, 1),
                created("UNCHANGED", "PROSPECTING", day(0)));

        SlippageReport report = projection.handle(new GetSlippageReport(null, null));

        assertThat(report.deals()).extracting(SlippageReport.Entry::rank, SlippageReport.Entry::id)
                .containsExactly(tuple(1, "FEW_BIG"), tuple(2, "MANY_SMALL"), tuple(3, "TIE_ONE_SLIP"));
        assertThat(report.slippedDeals()).isEqualTo(3);
        assertThat(report.limit()).isEqualTo(GetSlippageReport.DEFAULT_LIMIT);
    }

    @Test
    void theReportHonoursTheLimitAndThePipeline() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                slipped("A", JUNE_30, JUNE_30.plusDays(3), null, 1),
                created("B", "PROSPECTING", day(0)),
                slipped("B", JUNE_30, JUNE_30.plusDays(2), null, 1),
                renewal("R"),
                slipped("R", JUNE_30, JUNE_30.plusDays(90), null, 1));

        SlippageReport limited = projection.handle(new GetSlippageReport(null, 2));
        assertThat(limited.deals()).extracting(SlippageReport.Entry::id).containsExactly("R", "A");
        assertThat(limited.slippedDeals()).isEqualTo(3);

        SlippageReport defaultOnly = projection.handle(new GetSlippageReport("default", null));
        assertThat(defaultOnly.deals()).extracting(SlippageReport.Entry::id).containsExactly("A", "B");
        assertThat(defaultOnly.pipeline()).isEqualTo("default");
    }

    @Test
    void theReportShowsTheCurrentOwner() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                slipped("A", JUNE_30, JUNE_30.plusDays(3), null, 1),
                new OwnerReassigned(id("A"), "rep", "rep2", day(2)));

        assertThat(projection.handle(new GetSlippageReport(null, null)).deals())
                .extracting(SlippageReport.Entry::owner).containsExactly("rep2");
    }

    @Test
    void aLimitOutsideOneToTheMaximumIsABadRequest() {
        for (int limit : new int[] {0, -1, GetSlippageReport.MAX_LIMIT + 1}) {
            assertThatThrownBy(() -> new GetSlippageReport(null, limit))
                    .isInstanceOfSatisfying(LedgerException.class, e -> {
                        assertThat(e.code()).isEqualTo("INVALID_LIMIT");
                        assertThat(e.kind()).isEqualTo(ProblemKind.BAD_REQUEST);
                    });
        }
    }

    @Test
    void anUnknownPipelineIsABadRequestAndAnUnknownDealIsNotFound() {
        assertThatThrownBy(() -> projection.handle(new GetSlippageReport("nope", null)))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code()).isEqualTo("UNKNOWN_PIPELINE"));
        assertThatThrownBy(() -> projection.handle(new GetSlippage(id("nope"))))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code()).isEqualTo("OPPORTUNITY_NOT_FOUND"));
    }

    @Test
    void replayingTheSameEventsTwiceGivesTheSameAnswers() {
        publishAMixedHistory();
        DealSlippage dealBefore = projection.handle(new GetSlippage(id("A")));
        SlippageReport reportBefore = projection.handle(new GetSlippageReport(null, null));

        feed.redeliverAll();

        assertThat(projection.handle(new GetSlippage(id("A")))).isEqualTo(dealBefore);
        assertThat(projection.handle(new GetSlippageReport(null, null))).isEqualTo(reportBefore);
    }

    @Test
    void theResetHandlerClearsEverythingSoAReplayRebuildsItFromScratch() {
        publishAMixedHistory();
        SlippageReport before = projection.handle(new GetSlippageReport(null, null));

        feed.reset();
        assertThat(projection.handle(new GetSlippageReport(null, null)).deals()).isEmpty();

        feed.resetAndReplay();
        assertThat(projection.handle(new GetSlippageReport(null, null))).isEqualTo(before);
    }

    private void publishAMixedHistory() {
        feed.publish(
                created("A", "PROSPECTING", day(0)),
                slipped("A", JUNE_30, JUNE_30.plusDays(14), "procurement", 1),
                pulledIn("A", JUNE_30.plusDays(14), JUNE_30.plusDays(7), null, 2),
                created("B", "PROSPECTING", day(0)),
                slipped("B", JUNE_30, JUNE_30.plusDays(30), null, 3),
                new OwnerReassigned(id("B"), "rep", "rep2", day(4)));
    }

    private static CloseDateSlipped slipped(String deal, LocalDate from, LocalDate to, String reason, double day) {
        return new CloseDateSlipped(id(deal), from, to, to.toEpochDay() - from.toEpochDay(), reason, day(day));
    }

    private static CloseDatePulledIn pulledIn(String deal, LocalDate from, LocalDate to, String reason, double day) {
        return new CloseDatePulledIn(id(deal), from, to, from.toEpochDay() - to.toEpochDay(), reason, day(day));
    }

    private static OpportunityCreated renewal(String deal) {
        return new OpportunityCreated(id(deal), "Renewal " + deal, "Acme", "rep", "renewals", StageKey.of("DUE"),
                usd("100"), JUNE_30, null, day(0));
    }
}
