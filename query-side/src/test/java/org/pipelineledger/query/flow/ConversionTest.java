package org.pipelineledger.query.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.lost;
import static org.pipelineledger.query.testing.Deals.reopened;
import static org.pipelineledger.query.testing.Deals.reverted;
import static org.pipelineledger.query.testing.Deals.won;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.ReversionReason;

/**
 * Conversion on a hand-made history (day 0 = 2025-01-01T09:00Z), window 2025-01-01 to 2025-01-10:
 * <pre>
 * A: day 0 created PROSPECTING, 1 advanced QUALIFIED, 2 reverted PROSPECTING, 3 advanced QUALIFIED,
 *    4 advanced DISCOVERY, 5 won
 * B: day 1 created PROSPECTING, 2 advanced DISCOVERY (skips QUALIFIED), 3 lost, 4 reopened in QUALIFIED
 * C: day -5 created QUALIFIED (before the window), day 12 advanced DISCOVERY (after it)
 * D: day 20 created PROSPECTING (after it)
 * </pre>
 */
class ConversionTest {

    private static final Window JANUARY_1_TO_10 = new Window(LocalDate.parse("2025-01-01"),
            LocalDate.parse("2025-01-10"));

    private FlowFixture flow;

    @BeforeEach
    void setUp() {
        flow = new FlowFixture();
        flow.feed.publish(
                created("C", "QUALIFIED", day(-5)),
                created("A", "PROSPECTING", day(0)),
                advanced("A", "PROSPECTING", "QUALIFIED", day(1)),
                created("B", "PROSPECTING", day(1)),
                reverted("A", "QUALIFIED", "PROSPECTING", ReversionReason.BUDGET, day(2)),
                advanced("B", "PROSPECTING", "DISCOVERY", day(2)),
                advanced("A", "PROSPECTING", "QUALIFIED", day(3)),
                lost("B", "DISCOVERY", day(3)),
                advanced("A", "QUALIFIED", "DISCOVERY", day(4)),
                reopened("B", DealStatus.LOST, "QUALIFIED", day(4)),
                won("A", "DISCOVERY", day(5)),
                advanced("C", "QUALIFIED", "DISCOVERY", day(12)),
                created("D", "PROSPECTING", day(20)));
    }

    @Test
    void eachStageCountsTheDealsThatEnteredItOnceAndFollowsThemToNow() {
        ConversionReport report = flow.queries.handle(new GetConversion(null, JANUARY_1_TO_10));

        assertThat(report.pipeline()).isEqualTo("default");
        assertThat(report.stages()).extracting(ConversionReport.Stage::stage, ConversionReport.Stage::entered,
                        ConversionReport.Stage::advanced, ConversionReport.Stage::cameBack,
                        ConversionReport.Stage::won, ConversionReport.Stage::toNextStage, ConversionReport.Stage::toWon)
                .containsExactly(
                        // A and B; both moved on, A came back after its revert and was won
                        tuple("PROSPECTING", 2L, 2L, 1L, 1L, rate("1.0000"), rate("0.5000")),
                        // A (twice, counted once) and B by its reopen; A left forward the second time
                        tuple("QUALIFIED", 2L, 1L, 1L, 1L, rate("0.5000"), rate("0.5000")),
                        // A won from it, B lost from it: neither advanced
                        tuple("DISCOVERY", 2L, 0L, 0L, 1L, rate("0.0000"), rate("0.5000")),
                        tuple("PROPOSAL", 0L, 0L, 0L, 0L, null, null),
                        tuple("NEGOTIATION", 0L, 0L, 0L, 0L, null, null));
    }

    @Test
    void onlyEntriesInTheWindowCount() {
        ConversionReport later = flow.queries.handle(new GetConversion("default",
                new Window(LocalDate.parse("2025-01-11"), LocalDate.parse("2025-01-31"))));

        assertThat(later.stages()).extracting(ConversionReport.Stage::stage, ConversionReport.Stage::entered)
                .containsExactly(tuple("PROSPECTING", 1L), tuple("QUALIFIED", 0L), tuple("DISCOVERY", 1L),
                        tuple("PROPOSAL", 0L), tuple("NEGOTIATION", 0L));
    }

    @Test
    void aRedeliveryOrAReplayChangesNothing() {
        ConversionReport before = flow.queries.handle(new GetConversion(null, JANUARY_1_TO_10));

        flow.feed.redeliverAll();
        assertThat(flow.queries.handle(new GetConversion(null, JANUARY_1_TO_10))).isEqualTo(before);

        flow.feed.resetAndReplay();
        assertThat(flow.queries.handle(new GetConversion(null, JANUARY_1_TO_10))).isEqualTo(before);
    }

    private static BigDecimal rate(String value) {
        return new BigDecimal(value);
    }
}
