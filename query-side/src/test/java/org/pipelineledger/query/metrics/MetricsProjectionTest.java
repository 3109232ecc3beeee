package org.pipelineledger.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.usd;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.query.metrics.PipelineMetrics.Row;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.TestDatabase;

/**
 * Metrics over five deals of the default pipeline (day 0 = 2025-01-01T09:00Z) and one of another pipeline, every
 * expectation computed by hand:
 * <pre>
 * W won:      rep,  east/EU/core,   Acme,  day 0 1000, slips 10 days day 3, amount 1200 day 5, won day 10 (Jan 11)
 * L lost:     rep2, west/US/core,   Beta,  day 1 500, lost day 21 (Jan 22)
 * O open:     rep,  east/EU/addon,  Acme,  day 2 1800, slips 10 days day 4, amount 2000 day 5, slips 5 days day 6
 * R reopened: rep2, no profile,     Delta, day 3 300, won day 8 (Jan 9), reopened day 12
 * P pulled:   rep then manager (day 20), east/APAC/core, Gamma, day 4 700, pulled in 5 days day 5, won day 40 (Feb 10)
 * X:          in "renewals", won day 5: never counted for the default pipeline
 * </pre>
 * The clock stands at 2025-03-15.
 */
class MetricsProjectionTest {

    private static final LocalDate CLOSE = LocalDate.parse("2025-06-30");
    private static final Instant NOW = Instant.parse("2025-03-15T12:00:00Z");

    private MetricsProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp() {
        PipelineCatalog catalog = new PipelineCatalog(List.of(PipelineDefinition.defaultPipeline(),
                new PipelineDefinition("renewals", "Renewals", "EUR",
                        List.of(new StageDefinition(StageKey.of("DUE"), "Due", null)))));
        projection = new MetricsProjection(TestDatabase.migrated(), catalog, Clock.fixed(NOW, ZoneOffset.UTC));
        feed = new EventFeed(projection);
    }

    private void fiveDeals() {
        feed.publish(
                created("W", "rep", "Acme", "1000", new DealProfile("core", "east", "EU", null, null), 0),
                created("L", "rep2", "Beta", "500", new DealProfile("core", "west", "US", null, null), 1),
                created("O", "rep", "Acme", "1800", new DealProfile("addon", "east", "EU", null, null), 2),
                created("R", "rep2", "Delta", "300", DealProfile.NONE, 3),
                created("P", "rep", "Gamma", "700", new DealProfile("core", "east", "APAC", null, null), 4),
                new OpportunityCreated(id("X"), "Deal X", "Xeno", "rep", "renewals", StageKey.of("DUE"),
                        usd("9999"), CLOSE, Outlook.NEUTRAL, day(0)),
                slipped("W", 10, 3),
                slipped("O", 10, 4),
                new AmountChanged(id("W"), usd("1000"), usd("1200"), "more seats", day(5)),
                new CloseDatePulledIn(id("P"), CLOSE, CLOSE.minusDays(5), 5, "budget freed", day(5)),
                new OpportunityWon(id("X"), StageKey.of("DUE"), usd("9999"), null, day(5)),
                new AmountChanged(id("O"), usd("1800"), usd("2000"), "more seats", day(5)),
                slipped("O", 5, 6),
                won("R", "300", 8),
                won("W", "1200", 10),
                new OpportunityReopened(id("R"), DealStatus.WON, StageKey.of("PROSPECTING"), "back", day(12)),
                new OwnerReassigned(id("P"), "rep", "manager", day(20)),
                new OpportunityLost(id("L"), StageKey.of("PROSPECTING"), usd("500"), "competitor", null, day(21)),
                won("P", "700", 40));
    }

    @Test
    void allTimeCountsWhatIsOpenNowAndEveryClose() {
        fiveDeals();

        PipelineMetrics metrics = projection.handle(new GetMetrics(null, null, null, null));

        assertThat(metrics.pipeline()).isEqualTo("default");
        assertThat(metrics.currency()).isEqualTo("USD");
        assertThat(metrics.groupBy()).isNull();
        // open O 2000 + R 300 (reopened); won W 1200 + P 700, lost L; cycles 10 and 36 days; slipped W and O of 5
        assertThat(metrics.rows()).singleElement().isEqualTo(new Row("total", 2, new BigDecimal("2300"), 2,
                new BigDecimal("1900"), 1, new BigDecimal("0.6667"), new BigDecimal("950"), new BigDecimal("23.0000"),
                // 2 x 950 x 2/3 / 23
                new BigDecimal("55.0725"), new BigDecimal("0.4000"), new BigDecimal("12.5000")));
    }

    @Test
    void aPeriodCountsItsClosesAndWhatIsOpenAtItsEnd() {
        fiveDeals();

        Row january = total(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-31"));

        // open at the end: O, R (its win is forgotten), P (won only in February)
        assertThat(january).isEqualTo(new Row("total", 3, new BigDecimal("3000"), 1, new BigDecimal("1200"), 1,
                new BigDecimal("0.5000"), new BigDecimal("1200"), new BigDecimal("10.0000"),
                // 3 x 1200 x 0.5 / 10
                new BigDecimal("180.0000"), new BigDecimal("0.4000"), new BigDecimal("12.5000")));
    }

    @Test
    void aPeriodThatExcludesAWinHasNoDealSizeCycleOrVelocity() {
        fiveDeals();

        Row lateJanuary = total(LocalDate.parse("2025-01-15"), LocalDate.parse("2025-01-31"));

        // W's win on Jan 11 is outside: only L closed; of O, R, P, L only O slipped
        assertThat(lateJanuary).isEqualTo(new Row("total", 3, new BigDecimal("3000"), 0, BigDecimal.ZERO, 1,
                new BigDecimal("0.0000"), null, null, null, new BigDecimal("0.2500"), new BigDecimal("15.0000")));
    }

    @Test
    void theLastDayOfThePeriodIsIncludedAndTheFirstDayStartsAtMidnight() {
        fiveDeals();

        assertThat(total(LocalDate.parse("2025-01-11"), LocalDate.parse("2025-01-11")).wonCount()).isOne();
        assertThat(total(LocalDate.parse("2025-01-12"), LocalDate.parse("2025-01-22")).wonCount()).isZero();
        assertThat(total(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-10")).wonCount()).isZero();
        // P, created on Jan 5, is not yet open at the end of Jan 4
        assertThat(total(null, LocalDate.parse("2025-01-04")).openCount()).isEqualTo(4);
    }

    @Test
    void aPeriodBeforeAnyDealIsEmpty() {
        fiveDeals();

        assertThat(total(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31"))).isEqualTo(new Row("total",
                0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, null, null, null, null, null, null));
    }

    @Test
    void byOwnerUsesTheCurrentOwner() {
        fiveDeals();

        assertThat(grouped(MetricsGrouping.OWNER)).containsExactly(
                new Row("manager", 0, BigDecimal.ZERO, 1, new BigDecimal("700"), 0, new BigDecimal("1.0000"),
                        new BigDecimal("700"), new BigDecimal("36.0000"), new BigDecimal("0.0000"),
                        new BigDecimal("0.0000"), null),
                new Row("rep", 1, new BigDecimal("2000"), 1, new BigDecimal("1200"), 0, new BigDecimal("1.0000"),
                        new BigDecimal("1200"), new BigDecimal("10.0000"), new BigDecimal("120.0000"),
                        new BigDecimal("1.0000"), new BigDecimal("12.5000")),
                new Row("rep2", 1, new BigDecimal("300"), 0, BigDecimal.ZERO, 1, new BigDecimal("0.0000"), null, null,
                        null, new BigDecimal("0.0000"), null));
    }

    @Test
    void dealsWithoutTheGroupedValueShareOneRowWithANullKeyListedLast() {
        fiveDeals();

        assertThat(grouped(MetricsGrouping.TEAM)).extracting(Row::key, Row::openCount, Row::wonCount, Row::lostCount)
                .containsExactly(tuple("east", 1L, 2L, 0L), tuple("west", 0L, 0L, 1L), tuple(null, 1L, 0L, 0L));
        assertThat(grouped(MetricsGrouping.REGION)).extracting(Row::key, Row::openCount, Row::wonCount, Row::lostCount)
                .containsExactly(tuple("APAC", 0L, 1L, 0L), tuple("EU", 1L, 1L, 0L), tuple("US", 0L, 0L, 1L),
                        tuple(null, 1L, 0L, 0L));
        assertThat(grouped(MetricsGrouping.PRODUCT)).extracting(Row::key, Row::openCount, Row::wonCount,
                        Row::lostCount)
                .containsExactly(tuple("addon", 1L, 0L, 0L), tuple("core", 0L, 2L, 1L), tuple(null, 1L, 0L, 0L));
        assertThat(grouped(MetricsGrouping.ACCOUNT)).extracting(Row::key, Row::openValue, Row::wonValue)
                .containsExactly(tuple("Acme", new BigDecimal("2000"), new BigDecimal("1200")),
                        tuple("Beta", BigDecimal.ZERO, BigDecimal.ZERO),
                        tuple("Delta", new BigDecimal("300"), BigDecimal.ZERO),
                        tuple("Gamma", BigDecimal.ZERO, new BigDecimal("700")));
    }

    @Test
    void byMonthCountsEachMonthsClosesAndWhatIsOpenAtItsEnd() {
        fiveDeals();

        PipelineMetrics metrics = projection.handle(new GetMetrics("default", LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-02-28"), MetricsGrouping.MONTH));

        assertThat(metrics.groupBy()).isEqualTo("month");
        assertThat(metrics.rows()).containsExactly(
                new Row("2025-01", 3, new BigDecimal("3000"), 1, new BigDecimal("1200"), 1, new BigDecimal("0.5000"),
                        new BigDecimal("1200"), new BigDecimal("10.0000"), new BigDecimal("180.0000"),
                        new BigDecimal("0.4000"), new BigDecimal("12.5000")),
                // P won on Feb 10; O and R open at the end of February; 2 x 700 x 1 / 36; of O, R, P only O slipped
                new Row("2025-02", 2, new BigDecimal("2300"), 1, new BigDecimal("700"), 0, new BigDecimal("1.0000"),
                        new BigDecimal("700"), new BigDecimal("36.0000"), new BigDecimal("38.8889"),
                        new BigDecimal("0.3333"), new BigDecimal("15.0000")));
    }

    @Test
    void byMonthOverAllTimeRunsFromTheFirstDealsMonthToNow() {
        fiveDeals();

        List<Row> months = grouped(MetricsGrouping.MONTH);

        assertThat(months).extracting(Row::key, Row::openCount, Row::wonCount, Row::lostCount).containsExactly(
                tuple("2025-01", 3L, 1L, 1L), tuple("2025-02", 2L, 1L, 0L), tuple("2025-03", 2L, 0L, 0L));
    }

    @Test
    void byMonthCutsTheFirstAndLastMonthsToThePeriod() {
        fiveDeals();

        PipelineMetrics metrics = projection.handle(new GetMetrics("default", LocalDate.parse("2025-01-15"),
                LocalDate.parse("2025-02-05"), MetricsGrouping.MONTH));

        // W's win on Jan 11 is before the period, P's on Feb 10 after it: P is open at its end
        assertThat(metrics.rows()).extracting(Row::key, Row::openCount, Row::wonCount, Row::lostCount)
                .containsExactly(tuple("2025-01", 3L, 0L, 1L), tuple("2025-02", 3L, 0L, 0L));
    }

    @Test
    void anotherPipelineIsCountedApartInItsCurrency() {
        fiveDeals();

        PipelineMetrics renewals = projection.handle(new GetMetrics("renewals", null, null, null));

        assertThat(renewals.currency()).isEqualTo("EUR");
        assertThat(renewals.rows()).singleElement().satisfies(row -> {
            assertThat(row.wonCount()).isOne();
            assertThat(row.wonValue()).isEqualByComparingTo("9999");
            assertThat(row.averageCycleDays()).isEqualByComparingTo("5");
        });
    }

    @Test
    void aRedeliveryOrARebuildGivesTheSameAnswers() {
        fiveDeals();
        List<PipelineMetrics> before = everyAnswer();

        // a deal's last event (O's second slip) is the one a careless claim would apply twice
        feed.redeliverAll();
        assertThat(everyAnswer()).isEqualTo(before);

        feed.resetAndReplay();
        assertThat(everyAnswer()).isEqualTo(before);
    }

    @Test
    void badParametersAreRefusedWithTheirCodes() {
        assertThatThrownBy(() -> projection.handle(new GetMetrics("nope", null, null, null)))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_PIPELINE"));
        assertThatThrownBy(() -> new GetMetrics(null, LocalDate.parse("2025-02-01"), LocalDate.parse("2025-01-31"),
                null)).isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code()).isEqualTo("INVALID_PERIOD"));
        assertThatThrownBy(() -> MetricsGrouping.parse("stage"))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_PARAMETER");
                    assertThat(e.getMessage()).contains("owner, team, region, product, account, month");
                });
        assertThatThrownBy(() -> projection.handle(new GetMetrics(null, LocalDate.parse("2000-01-01"),
                LocalDate.parse("2010-01-01"), MetricsGrouping.MONTH)))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_PERIOD"));
        assertThat(MetricsGrouping.parse(" ")).isNull();
        assertThat(MetricsGrouping.parse("month")).isEqualTo(MetricsGrouping.MONTH);
    }

    private List<PipelineMetrics> everyAnswer() {
        List<PipelineMetrics> answers = new ArrayList<>();
        answers.add(projection.handle(new GetMetrics(null, null, null, null)));
        answers.add(projection.handle(new GetMetrics(null, LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-01-31"), null)));
        for (MetricsGrouping grouping : MetricsGrouping.values()) {
            answers.add(projection.handle(new GetMetrics(null, null, null, grouping)));
        }
        return answers;
    }

    private Row total(LocalDate from, LocalDate to) {
        return projection.handle(new GetMetrics(null, from, to, null)).rows().get(0);
    }

    private List<Row> grouped(MetricsGrouping grouping) {
        return projection.handle(new GetMetrics(null, null, null, grouping)).rows();
    }

    private static OpportunityCreated created(String id, String owner, String account, String amount,
                                              DealProfile profile, int day) {
        return new OpportunityCreated(id(id), "Deal " + id, account, owner, "default", StageKey.of("PROSPECTING"),
                usd(amount), CLOSE, Outlook.NEUTRAL, day(day), profile);
    }

    private static CloseDateSlipped slipped(String id, int days, int day) {
        return new CloseDateSlipped(id(id), CLOSE, CLOSE.plusDays(days), days, "later", day(day));
    }

    private static OpportunityWon won(String id, String amount, int day) {
        return new OpportunityWon(id(id), StageKey.of("PROSPECTING"), usd(amount), "signed", day(day));
    }
}
