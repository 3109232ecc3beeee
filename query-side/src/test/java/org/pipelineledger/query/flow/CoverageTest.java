package org.pipelineledger.query.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.usd;
import static org.pipelineledger.query.testing.Deals.won;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.TargetSet;
import org.pipelineledger.events.TargetSet.Kind;
import org.pipelineledger.problem.LedgerException;

/**
 * Coverage of 2025-Q1 on a hand-made pipeline:
 * <pre>
 * X1 rep, team east, closes 02-15, 1000      X2 rep, team east, closes 03-31, 2000
 * X3 rep, team east, closes 04-01, 9000 (after the quarter)    X4 rep, closes 02-01, 7000, won (closed)
 * Y1 rep2, team west, closes 01-31, 500, then reassigned to rep
 * targets of 2025-Q1: owner rep 1000, then 1200 (by manager); owner rep3 5000; team east 1000
 * </pre>
 */
class CoverageTest {

    private static final TargetSet.Period Q1 = TargetSet.Period.parse("2025-Q1");

    private FlowFixture flow;

    @BeforeEach
    void setUp() {
        flow = new FlowFixture();
        flow.feed.publish(
                created("X1", "rep", "east", "1000", "2025-02-15"),
                created("X2", "rep", "east", "2000", "2025-03-31"),
                created("X3", "rep", "east", "9000", "2025-04-01"),
                created("X4", "rep", null, "7000", "2025-02-01"),
                won("X4", "PROSPECTING", day(3)),
                created("Y1", "rep2", "west", "500", "2025-01-31"),
                new OwnerReassigned(id("Y1"), "rep2", "rep", day(4)));
        flow.target("admin", "2025-Q1", Kind.OWNER, "rep", "1000", day(1));
        flow.target("manager", "2025-Q1", Kind.OWNER, "rep", "1200", day(2));
        flow.target("manager", "2025-Q1", Kind.OWNER, "rep3", "5000", day(2));
        flow.target("manager", "2025-Q1", Kind.TEAM, "east", "1000", day(2));
    }

    @Test
    void everyOwnerAndTeamWithATargetOrOpenValueHasARow() {
        CoverageReport report = flow.queries.handle(new GetCoverage(null, Q1, null, null));

        assertThat(report.from()).isEqualTo(LocalDate.parse("2025-01-01"));
        assertThat(report.to()).isEqualTo(LocalDate.parse("2025-03-31"));
        assertThat(report.rows()).extracting(CoverageReport.Row::kind, CoverageReport.Row::name,
                        CoverageReport.Row::openDeals, CoverageReport.Row::openValue, CoverageReport.Row::target,
                        CoverageReport.Row::coverage, CoverageReport.Row::belowThreeTimes)
                .containsExactly(
                        // X1 + X2 + Y1 (reassigned): 3500 against 1200 is 2.92 times
                        tuple(Kind.OWNER, "rep", 3L, amount("3500"), amount("1200"), amount("2.92"), true),
                        tuple(Kind.OWNER, "rep3", 0L, amount("0"), amount("5000"), amount("0.00"), true),
                        // exactly three times is not below
                        tuple(Kind.TEAM, "east", 2L, amount("3000"), amount("1000"), amount("3.00"), false),
                        tuple(Kind.TEAM, "west", 1L, amount("500"), null, null, null));
    }

    @Test
    void oneOwnerOrTeamAloneEvenWithoutTargetOrDeals() {
        assertThat(flow.queries.handle(new GetCoverage(null, Q1, "rep2", null)).rows())
                .containsExactly(new CoverageReport.Row(Kind.OWNER, "rep2", 0, BigDecimal.ZERO, null, null, null));
        assertThat(flow.queries.handle(new GetCoverage(null, Q1, null, "east")).rows())
                .extracting(CoverageReport.Row::name, CoverageReport.Row::coverage)
                .containsExactly(tuple("east", amount("3.00")));
    }

    @Test
    void aMonthIsAPeriodOfItsOwnWithItsOwnTargets() {
        CoverageReport february = flow.queries.handle(new GetCoverage(null, TargetSet.Period.parse("2025-02"),
                "rep", null));

        assertThat(february.rows()).extracting(CoverageReport.Row::openDeals, CoverageReport.Row::openValue,
                CoverageReport.Row::target).containsExactly(tuple(1L, amount("1000"), null));
    }

    @Test
    void theTargetsListShowsEachCurrentTargetWithWhoSetIt() {
        TargetList targets = flow.queries.handle(new GetTargets(null, Q1));

        assertThat(targets.targets()).extracting(TargetList.Target::kind, TargetList.Target::name,
                        TargetList.Target::amount, TargetList.Target::setAt, TargetList.Target::setBy)
                .containsExactly(
                        tuple(Kind.OWNER, "rep", amount("1200"), day(2), "manager"),
                        tuple(Kind.OWNER, "rep3", amount("5000"), day(2), "manager"),
                        tuple(Kind.TEAM, "east", amount("1000"), day(2), "manager"));
        assertThat(flow.queries.handle(new GetTargets(null, TargetSet.Period.parse("2025-Q2"))).targets()).isEmpty();
    }

    @Test
    void anOlderTargetRedeliveredDoesNotReplaceANewerOne() {
        TargetSet first = new TargetSet("2025-Q1", "default", Kind.OWNER, "rep", usd("1000"), null, day(1));

        flow.deliver("targets/default/2025-Q1", 0, first, "admin");

        assertThat(flow.queries.handle(new GetTargets(null, Q1)).targets())
                .extracting(TargetList.Target::name, TargetList.Target::amount)
                .contains(tuple("rep", amount("1200")));
    }

    @Test
    void periodsAreQuartersOrMonths() {
        assertThat(TargetSet.Period.parse("2027-Q4").last()).isEqualTo(LocalDate.parse("2027-12-31"));
        assertThat(TargetSet.Period.parse("2028-02").last()).isEqualTo(LocalDate.parse("2028-02-29"));
        for (String refused : new String[] {"2027-Q5", "2027-Q0", "2027-13", "2027-1", "27-Q1", "2027Q1", "1899-12",
                "", "2027-q1"}) {
            assertThatThrownBy(() -> TargetSet.Period.parse(refused)).as(refused)
                    .isInstanceOfSatisfying(LedgerException.class,
                            e -> assertThat(e.code()).isEqualTo("INVALID_PERIOD"));
        }
    }

    private static OpportunityCreated created(String deal, String owner, String team, String amount, String close) {
        return new OpportunityCreated(id(deal), "Deal " + deal, "Account", owner, "default", StageKey.of("PROSPECTING"),
                usd(amount), LocalDate.parse(close), Outlook.NEUTRAL, day(0),
                new DealProfile(null, team, null, null, null));
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }
}
