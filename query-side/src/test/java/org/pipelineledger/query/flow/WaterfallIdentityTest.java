package org.pipelineledger.query.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.usd;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;

/**
 * The waterfall on seeded random histories (every kind of change a deal's commands can make, some of them at
 * midnight, where windows begin and end) against a replay of the same events in plain Java: every line is what the
 * replay counts, and {@code openAtStart + created + pulledIn - won - lost - slippedOut = openAtEnd} holds for counts
 * and, with {@code amountChanged}, for values.
 */
class WaterfallIdentityTest {

    private static final LocalDate DAY_0 = LocalDate.parse("2025-01-01");
    private static final StageKey STAGE = StageKey.of("PROSPECTING");

    /** A deal's open state, close date and amount. */
    private record State(boolean open, LocalDate closeDate, BigDecimal amount) {

        boolean in(Window window) {
            return open && !closeDate.isBefore(window.from()) && !closeDate.isAfter(window.to());
        }
    }

    /** One event of a deal with the deal's state before (null at creation) and after it. */
    private record Step(OpportunityEvent event, State before, State after) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyLineIsWhatAReplayCountsAndTheEndsMeet(long seed) {
        Random random = new Random(seed);
        Map<String, List<Step>> deals = history(random, 80);
        FlowFixture flow = new FlowFixture();
        interleaved(deals, random).forEach(flow.feed::publish);
        long[] seen = new long[6];

        for (int w = 0; w < 40; w++) {
            LocalDate from = DAY_0.plusDays(random.nextInt(120));
            Window window = new Window(from, from.plusDays(random.nextInt(45)));
            Waterfall waterfall = flow.queries.handle(new GetWaterfall(null, window));
            Waterfall replayed = replay(deals, window);

            assertThat(waterfall).as("window %s", window).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(replayed);
            assertThat(waterfall.openAtStart().count() + waterfall.created().count() + waterfall.pulledIn().count()
                    - waterfall.won().count() - waterfall.lost().count() - waterfall.slippedOut().count())
                    .isEqualTo(waterfall.openAtEnd().count());
            assertThat(waterfall.openAtStart().value().add(waterfall.created().value())
                    .add(waterfall.pulledIn().value()).subtract(waterfall.won().value())
                    .subtract(waterfall.lost().value()).subtract(waterfall.slippedOut().value())
                    .add(waterfall.amountChanged().value()))
                    .isEqualByComparingTo(waterfall.openAtEnd().value());
            Waterfall.Line[] moves = {waterfall.created(), waterfall.pulledIn(), waterfall.won(), waterfall.lost(),
                waterfall.slippedOut(), waterfall.amountChanged()};
            for (int line = 0; line < moves.length; line++) {
                seen[line] += moves[line].count();
            }
        }
        assertThat(seen).as("every line occurs in some window").doesNotContain(0L);
    }

    /** The waterfall by its definition, from each deal's steps. */
    private static Waterfall replay(Map<String, List<Step>> deals, Window window) {
        Waterfall.Line start = Waterfall.Line.NONE;
        Waterfall.Line end = Waterfall.Line.NONE;
        Waterfall.Line created = Waterfall.Line.NONE;
        Waterfall.Line pulledIn = Waterfall.Line.NONE;
        Waterfall.Line won = Waterfall.Line.NONE;
        Waterfall.Line lost = Waterfall.Line.NONE;
        Waterfall.Line slippedOut = Waterfall.Line.NONE;
        Waterfall.Line amountChanged = Waterfall.Line.NONE;
        for (List<Step> steps : deals.values()) {
            State atStart = stateBefore(steps, window.start());
            if (atStart != null && atStart.in(window)) {
                start = start.plus(1, atStart.amount());
            }
            State atEnd = stateBefore(steps, window.end());
            if (atEnd != null && atEnd.in(window)) {
                end = end.plus(1, atEnd.amount());
            }
            for (Step step : steps) {
                Instant at = step.event().occurredAt();
                if (at.isBefore(window.start()) || !at.isBefore(window.end())) {
                    continue;
                }
                boolean wasIn = step.before() != null && step.before().in(window);
                boolean isIn = step.after().in(window);
                BigDecimal amount = step.after().amount();
                if (!wasIn && isIn && step.event() instanceof OpportunityCreated) {
                    created = created.plus(1, amount);
                } else if (!wasIn && isIn) {
                    pulledIn = pulledIn.plus(1, amount);
                } else if (wasIn && !isIn && step.event() instanceof OpportunityWon) {
                    won = won.plus(1, amount);
                } else if (wasIn && !isIn && step.event() instanceof OpportunityLost) {
                    lost = lost.plus(1, amount);
                } else if (wasIn && !isIn) {
                    slippedOut = slippedOut.plus(1, amount);
                } else if (wasIn && step.event() instanceof AmountChanged) {
                    amountChanged = amountChanged.plus(1, amount.subtract(step.before().amount()));
                }
            }
        }
        return new Waterfall("default", "USD", window.from(), window.to(), start, created, pulledIn, won, lost,
                slippedOut, amountChanged, end);
    }

    /** The state after the deal's last event before {@code instant}; null if it did not exist yet. */
    private static State stateBefore(List<Step> steps, Instant instant) {
        State state = null;
        for (Step step : steps) {
            if (step.event().occurredAt().isBefore(instant)) {
                state = step.after();
            }
        }
        return state;
    }

    private static Map<String, List<Step>> history(Random random, int count) {
        Map<String, List<Step>> deals = new LinkedHashMap<>();
        for (int d = 0; d < count; d++) {
            String deal = "deal-" + d;
            List<Step> steps = new ArrayList<>();
            Instant at = time(random, random.nextInt(100));
            State state = new State(true, DAY_0.plusDays(random.nextInt(150)), amount(random));
            steps.add(new Step(new OpportunityCreated(id(deal), "Deal " + deal, "Account", "rep", "default", STAGE,
                    usd(state.amount().toPlainString()), state.closeDate(), Outlook.NEUTRAL, at), null, state));
            for (int m = random.nextInt(12); m > 0; m--) {
                at = at.plus(Duration.ofMinutes(random.nextInt(3) == 0 ? 0 : random.nextInt(20 * 24 * 60)));
                if (random.nextInt(4) == 0) {
                    at = time(random, (int) Duration.between(DAY_0.atStartOfDay().toInstant(ZoneOffset.UTC),
                            at).toDays() + 1);
                }
                Step step = next(deal, state, at, random);
                steps.add(step);
                state = step.after();
            }
            deals.put(deal, steps);
        }
        return deals;
    }

    private static Step next(String deal, State state, Instant at, Random random) {
        if (!state.open()) {
            State reopened = new State(true, state.closeDate(), state.amount());
            return new Step(new OpportunityReopened(id(deal), DealStatus.WON, STAGE, "back", at), state, reopened);
        }
        int dice = random.nextInt(10);
        if (dice < 4) {
            LocalDate to = state.closeDate().plusDays(random.nextInt(81) - 40);
            if (to.equals(state.closeDate())) {
                to = to.plusDays(1);
            }
            State moved = new State(true, to, state.amount());
            long days = Math.abs(to.toEpochDay() - state.closeDate().toEpochDay());
            OpportunityEvent event = to.isAfter(state.closeDate())
                    ? new CloseDateSlipped(id(deal), state.closeDate(), to, days, null, at)
                    : new CloseDatePulledIn(id(deal), state.closeDate(), to, days, null, at);
            return new Step(event, state, moved);
        }
        if (dice < 6) {
            State changed = new State(true, state.closeDate(), amount(random));
            return new Step(new AmountChanged(id(deal), usd(state.amount().toPlainString()),
                    usd(changed.amount().toPlainString()), null, at), state, changed);
        }
        State closed = new State(false, state.closeDate(), state.amount());
        if (dice == 6) {
            return new Step(new OpportunityWon(id(deal), STAGE, usd(state.amount().toPlainString()), null, at), state,
                    closed);
        }
        if (dice == 7) {
            return new Step(new OpportunityLost(id(deal), STAGE, usd(state.amount().toPlainString()), "price", null,
                    at), state, closed);
        }
        return new Step(new NoteAdded(id(deal), "call", at), state, state);
    }

    /** Midnight UTC of a day, or a random time in it. */
    private static Instant time(Random random, int day) {
        Instant midnight = DAY_0.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC);
        return random.nextBoolean() ? midnight : midnight.plusSeconds(random.nextInt(86_400));
    }

    private static BigDecimal amount(Random random) {
        return BigDecimal.valueOf(100 + random.nextInt(1_000_000), 2);
    }

    /** The deals' events interleaved at random, each deal's own in order, as the event store would hold them. */
    private static List<OpportunityEvent> interleaved(Map<String, List<Step>> deals, Random random) {
        List<List<Step>> pending = new ArrayList<>();
        deals.values().forEach(steps -> pending.add(new ArrayList<>(steps)));
        List<OpportunityEvent> events = new ArrayList<>();
        while (!pending.isEmpty()) {
            int pick = random.nextInt(pending.size());
            events.add(pending.get(pick).remove(0).event());
            if (pending.get(pick).isEmpty()) {
                pending.remove(pick);
            }
        }
        return events;
    }
}
