package org.pipelineledger.query.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.usd;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;

/**
 * The waterfall of February 2025 on a hand-made history:
 * <pre>
 * W1 created 01-10, closes 02-15, 1000: open at the start; won 02-10
 * W2 created 01-05, closes 03-15, 2000: pulled in to 02-20 on 02-05; amount 2500 on 02-06
 * W3 created 02-03, closes 02-25, 3000; slipped to 03-10 on 02-20
 * W4 created 01-02, closes 02-10, 4000: open at the start; lost 02-12, reopened 02-14
 * W5 created 01-02, closes 02-05, 500; amount 600 on 01-20 (before the window)
 * W6 created 03-02, closes 02-27 (after the window); W7 closes 01-31, won 01-15 (never in it)
 * </pre>
 */
class WaterfallTest {

    private static final Window FEBRUARY = new Window(LocalDate.parse("2025-02-01"), LocalDate.parse("2025-02-28"));

    private FlowFixture flow;

    @BeforeEach
    void setUp() {
        flow = new FlowFixture();
        flow.feed.publish(
                created("W4", "4000", "2025-02-10", "01-02"),
                created("W5", "500", "2025-02-05", "01-02"),
                created("W7", "700", "2025-01-31", "01-02"),
                created("W2", "2000", "2025-03-15", "01-05"),
                created("W1", "1000", "2025-02-15", "01-10"),
                new OpportunityWon(id("W7"), StageKey.of("PROSPECTING"), usd("700"), null, at("01-15")),
                new AmountChanged(id("W5"), usd("500"), usd("600"), null, at("01-20")),
                created("W3", "3000", "2025-02-25", "02-03"),
                new CloseDatePulledIn(id("W2"), date("2025-03-15"), date("2025-02-20"), 23, null, at("02-05")),
                new AmountChanged(id("W2"), usd("2000"), usd("2500"), null, at("02-06")),
                new OpportunityWon(id("W1"), StageKey.of("PROSPECTING"), usd("1000"), null, at("02-10")),
                new OpportunityLost(id("W4"), StageKey.of("PROSPECTING"), usd("4000"), "price", null, at("02-12")),
                new OpportunityReopened(id("W4"), DealStatus.LOST, StageKey.of("PROSPECTING"), "back", at("02-14")),
                new CloseDateSlipped(id("W3"), date("2025-02-25"), date("2025-03-10"), 13, null, at("02-20")),
                created("W6", "600", "2025-02-27", "03-02"));
    }

    @Test
    void everyWayInAndOutOfTheWindowsPipelineHasItsLine() {
        Waterfall waterfall = flow.queries.handle(new GetWaterfall(null, FEBRUARY));

        assertLine(waterfall.openAtStart(), 3, "5600");
        assertLine(waterfall.created(), 1, "3000");
        assertLine(waterfall.pulledIn(), 2, "6000");
        assertLine(waterfall.won(), 1, "1000");
        assertLine(waterfall.lost(), 1, "4000");
        assertLine(waterfall.slippedOut(), 1, "3000");
        assertLine(waterfall.amountChanged(), 1, "500");
        assertLine(waterfall.openAtEnd(), 3, "7100");
        assertThat(waterfall.currency()).isEqualTo("USD");
    }

    @Test
    void aWindowOfOneDayStartsAndEndsAtMidnightUtc() {
        // on 02-10 W1 was won; the pipeline of that day (close date 02-10) is W4 alone, open all day
        Waterfall day = flow.queries.handle(new GetWaterfall(null,
                new Window(LocalDate.parse("2025-02-10"), LocalDate.parse("2025-02-10"))));

        assertLine(day.openAtStart(), 1, "4000");
        assertLine(day.won(), 0, "0");
        assertLine(day.openAtEnd(), 1, "4000");
    }

    @Test
    void aRedeliveryChangesNothing() {
        Waterfall before = flow.queries.handle(new GetWaterfall(null, FEBRUARY));

        flow.feed.redeliverAll();

        assertThat(flow.queries.handle(new GetWaterfall(null, FEBRUARY))).isEqualTo(before);
    }

    private static void assertLine(Waterfall.Line line, long count, String value) {
        assertThat(line.count()).isEqualTo(count);
        assertThat(line.value()).isEqualByComparingTo(value);
    }

    private static OpportunityCreated created(String deal, String amount, String closeDate, String on) {
        return new OpportunityCreated(id(deal), "Deal " + deal, "Account", "rep", "default", StageKey.of("PROSPECTING"),
                usd(amount), date(closeDate), Outlook.NEUTRAL, at(on));
    }

    private static LocalDate date(String date) {
        return LocalDate.parse(date);
    }

    /** Noon on a day of 2025. */
    private static Instant at(String monthDay) {
        return Instant.parse("2025-" + monthDay + "T12:00:00Z");
    }
}
