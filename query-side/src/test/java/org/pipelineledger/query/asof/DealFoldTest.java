package org.pipelineledger.query.asof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.lost;
import static org.pipelineledger.query.testing.Deals.reopened;
import static org.pipelineledger.query.testing.Deals.usd;
import static org.pipelineledger.query.testing.Deals.won;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.query.testing.RandomHistory;

/** The fold, its changed fields, and the bitemporal prefix (docs/as-of.md). */
class DealFoldTest {

    @Test
    void aDealsStateFollowsItsEventsAndEachEventSaysWhatItChanged() {
        List<OpportunityEvent> events = List.of(
                created("d", "rep", "PROSPECTING", usd("1000.00"), LocalDate.parse("2025-06-30"), day(0)),
                advanced("d", "PROSPECTING", "QUALIFIED", day(1)),
                new AmountChanged(id("d"), usd("1000"), usd("1500.50"), "more seats", day(2)),
                new AmountChanged(id("d"), usd("1500.50"), usd("1500.500"), "same value, other scale", day(2.5)),
                new NoteAdded(id("d"), "call", day(3)),
                new OwnerReassigned(id("d"), "rep", "rep2", day(4)),
                won("d", "QUALIFIED", day(5)),
                reopened("d", DealStatus.WON, "PROSPECTING", day(6)),
                lost("d", "PROSPECTING", day(7)));
        List<DealState> states = DealFold.states(events);

        DealState last = states.get(states.size() - 1);
        assertThat(last.status()).isEqualTo(DealStatus.LOST);
        assertThat(last.stage()).isEqualTo("PROSPECTING");
        assertThat(last.owner()).isEqualTo("rep2");
        assertThat(last.amount()).as("the final amount of the loss").isEqualByComparingTo("1000");
        assertThat(last.stageEnteredAt()).isEqualTo(day(6));
        assertThat(last.closedAt()).isEqualTo(day(7));
        assertThat(last.createdAt()).isEqualTo(day(0));
        assertThat(last.version()).isEqualTo(8);

        assertThat(changes(null, states.get(0))).containsEntry("stage", "null -> PROSPECTING")
                .containsEntry("amount", "null -> 1000").doesNotContainKey("nextStep").doesNotContainKey("closedAt");
        assertThat(changes(states.get(0), states.get(1))).containsOnlyKeys("stage", "stageEnteredAt")
                .containsEntry("stage", "PROSPECTING -> QUALIFIED");
        assertThat(changes(states.get(1), states.get(2))).containsOnly(Map.entry("amount", "1000 -> 1500.5"));
        assertThat(changes(states.get(2), states.get(3))).as("amounts compare by value").isEmpty();
        assertThat(changes(states.get(3), states.get(4))).as("a note changes no field").isEmpty();
        assertThat(changes(states.get(4), states.get(5))).containsOnly(Map.entry("owner", "rep -> rep2"));
        assertThat(changes(states.get(5), states.get(6))).containsOnlyKeys("status", "closedAt", "amount")
                .containsEntry("status", "OPEN -> WON").containsEntry("amount", "1500.5 -> 1000");
        assertThat(changes(states.get(6), states.get(7))).containsOnlyKeys("status", "stage", "stageEnteredAt",
                "closedAt").containsEntry("closedAt", day(5) + " -> null");
    }

    @Test
    void bothBoundsAreInclusiveAndTheShorterPrefixWins() {
        Instant recorded = Instant.parse("2026-12-01T10:00:00Z");
        List<RecordedEvent> events = List.of(
                recorded(0, created("d", "PROSPECTING", day(0)), recorded),
                recorded(1, advanced("d", "PROSPECTING", "QUALIFIED", day(1)), recorded.plusSeconds(60)),
                recorded(2, advanced("d", "QUALIFIED", "DISCOVERY", day(2)), recorded.plusSeconds(120)));
        Instant now = recorded.plusSeconds(3600);

        assertThat(RecordedEvent.prefix(events, day(1), now)).as("an event at asOf itself is in").isEqualTo(2);
        assertThat(RecordedEvent.prefix(events, day(1).minusNanos(1), now)).isEqualTo(1);
        assertThat(RecordedEvent.prefix(events, now, recorded.plusSeconds(60))).as("an event recorded at knownAt is in")
                .isEqualTo(2);
        assertThat(RecordedEvent.prefix(events, now, recorded.plusSeconds(60).minusNanos(1))).isEqualTo(1);
        assertThat(RecordedEvent.prefix(events, day(2), recorded.plusSeconds(60))).as("knownAt is shorter")
                .isEqualTo(2);
        assertThat(RecordedEvent.prefix(events, day(1), recorded.plusSeconds(120))).as("asOf is shorter")
                .isEqualTo(2);
        assertThat(RecordedEvent.prefix(events, day(0).minusNanos(1), now)).isZero();
        assertThat(RecordedEvent.fold(events, 0)).isNull();
        assertThat(RecordedEvent.fold(events, 2).stage()).isEqualTo("QUALIFIED");
    }

    @Test
    void aPrefixIsTheEventsBeforeTheFirstOutsideEitherBoundOverRandomHistories() {
        Random random = new Random(21);
        List<OpportunityEvent> all = RandomHistory.of(40, 21);
        for (String deal : all.stream().map(event -> event.opportunityId().value()).distinct().toList()) {
            List<OpportunityEvent> stream = all.stream().filter(e -> e.opportunityId().value().equals(deal)).toList();
            // recorded in bursts, some events backdated: record times rise, business times rise, apart
            List<RecordedEvent> events = new ArrayList<>();
            Instant recordedAt = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < stream.size(); i++) {
                recordedAt = recordedAt.plusSeconds(random.nextInt(3) * 86_400L);
                events.add(recorded(i, stream.get(i), recordedAt));
            }
            for (int trial = 0; trial < 20; trial++) {
                RecordedEvent atT = events.get(random.nextInt(events.size()));
                RecordedEvent atK = events.get(random.nextInt(events.size()));
                Instant asOf = atT.occurredAt().plusNanos(random.nextInt(3) - 1);
                Instant knownAt = atK.recordedAt().plusNanos(random.nextInt(3) - 1);
                int expected = Math.min(
                        (int) events.stream().filter(e -> !e.occurredAt().isAfter(asOf)).count(),
                        (int) events.stream().filter(e -> !e.recordedAt().isAfter(knownAt)).count());
                assertThat(RecordedEvent.prefix(events, asOf, knownAt)).as("%s at %s known at %s", deal, asOf, knownAt)
                        .isEqualTo(expected);
            }
        }
    }

    private static RecordedEvent recorded(long sequence, OpportunityEvent event, Instant recordedAt) {
        return new RecordedEvent(sequence, event, event.occurredAt(), recordedAt, Map.of());
    }

    private static Map<String, String> changes(DealState before, DealState after) {
        Map<String, String> changes = new java.util.LinkedHashMap<>();
        DealFold.changes(before, after).forEach(change -> changes.put(change.field(), change.from() + " -> "
                + change.to()));
        return changes;
    }
}
