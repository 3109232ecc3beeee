package org.pipelineledger.query.reversions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.reverted;
import static org.pipelineledger.query.testing.Deals.usd;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemKind;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.TestDatabase;

class ReversionsProjectionTest {

    private ReversionsProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp() {
        projection = new ReversionsProjection(TestDatabase.migrated(), PipelineCatalog.withDefaultPipeline());
        feed = new EventFeed(projection);
    }

    @Test
    void everyBackwardMoveIsRecordedWithTheOwnerAtTheTimeAndWhoMadeIt() {
        feed.publish(
                created("A", "alice", "PROSPECTING", usd("10"), LocalDate.parse("2025-06-30"), day(0)),
                advanced("A", "PROSPECTING", "PROPOSAL", day(1)));
        feed.publishAs("manager", new StageReverted(id("A"), StageKey.of("PROPOSAL"), StageKey.of("QUALIFIED"),
                ReversionReason.NEW_DECISION_MAKER, "new CIO", day(2)));
        feed.publish(new OwnerReassigned(id("A"), "alice", "bob", day(3)));
        feed.publishAs("bob", new StageReverted(id("A"), StageKey.of("QUALIFIED"), StageKey.of("PROSPECTING"),
                ReversionReason.BUDGET, "budget cut", day(4)));

        ReversionReport report = projection.handle(new GetReversions(null, null, null, null));

        assertThat(report.total()).isEqualTo(2);
        ReversionReport.Reversion older = report.reversions().get(1);
        assertThat(older.id()).isEqualTo("A");
        assertThat(older.name()).isEqualTo("Deal A");
        assertThat(older.owner()).isEqualTo("alice");
        assertThat(older.pipeline()).isEqualTo("default");
        assertThat(older.sequence()).isEqualTo(2);
        assertThat(older.fromStage()).isEqualTo("PROPOSAL");
        assertThat(older.toStage()).isEqualTo("QUALIFIED");
        assertThat(older.reason()).isEqualTo(ReversionReason.NEW_DECISION_MAKER);
        assertThat(older.note()).isEqualTo("new CIO");
        assertThat(older.actor()).isEqualTo("manager");
        assertThat(older.occurredAt()).isEqualTo(day(2));
        ReversionReport.Reversion newer = report.reversions().get(0);
        assertThat(newer.owner()).isEqualTo("bob");
        assertThat(newer.actor()).isEqualTo("bob");
    }

    @Test
    void theReportCountsByReasonByOwnerAndByTheStageMovedBackFrom() {
        feed.publish(
                created("A", "alice", "PROPOSAL", usd("10"), null, day(0)),
                created("B", "bob", "PROPOSAL", usd("10"), null, day(0)),
                created("C", "bob", "NEGOTIATION", usd("10"), null, day(0)),
                reverted("A", "PROPOSAL", "QUALIFIED", ReversionReason.BUDGET, day(1)),
                reverted("B", "PROPOSAL", "DISCOVERY", ReversionReason.BUDGET, day(1)),
                reverted("C", "NEGOTIATION", "PROPOSAL", ReversionReason.MAJOR_OBJECTION, day(1)),
                reverted("C", "PROPOSAL", "QUALIFIED", ReversionReason.BUDGET, day(2)));

        ReversionReport report = projection.handle(new GetReversions(null, null, null, null));

        assertThat(report.byReason()).containsExactly(
                entry(ReversionReason.CHANGING_NEEDS, 0L),
                entry(ReversionReason.NEW_DECISION_MAKER, 0L),
                entry(ReversionReason.BUDGET, 3L),
                entry(ReversionReason.MAJOR_OBJECTION, 1L),
                entry(ReversionReason.LOSS_OF_MOMENTUM, 0L),
                entry(ReversionReason.PREMATURE_ADVANCE, 0L),
                entry(ReversionReason.OTHER, 0L));
        assertThat(report.byOwner()).containsExactly(entry("bob", 3L), entry("alice", 1L));
        assertThat(report.byStage()).containsExactly(entry("PROPOSAL", 3L), entry("NEGOTIATION", 1L));
    }

    @Test
    void thePeriodIncludesBothWholeDaysInUtc() {
        feed.publish(created("A", "NEGOTIATION", day(0)));
        feed.publish(revertAt("A", "NEGOTIATION", "PROPOSAL", "2025-02-28T23:59:59Z"));
        feed.publish(revertAt("A", "PROPOSAL", "DISCOVERY", "2025-03-01T00:00:00Z"));
        feed.publish(revertAt("A", "DISCOVERY", "QUALIFIED", "2025-03-31T23:59:59.999Z"));
        feed.publish(revertAt("A", "QUALIFIED", "PROSPECTING", "2025-04-01T00:00:00Z"));

        ReversionReport march = projection.handle(
                new GetReversions(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31"), null, null));

        assertThat(march.reversions()).extracting(ReversionReport.Reversion::fromStage)
                .containsExactly("DISCOVERY", "PROPOSAL");
        assertThat(projection.handle(new GetReversions(LocalDate.parse("2025-03-01"), null, null, null)).total())
                .isEqualTo(3);
        assertThat(projection.handle(new GetReversions(null, LocalDate.parse("2025-03-01"), null, null)).total())
                .isEqualTo(2);
    }

    @Test
    void theOwnerFilterKeepsOnlyMovesOfDealsThatOwnerHeldAtTheTime() {
        feed.publish(
                created("A", "alice", "PROPOSAL", usd("10"), null, day(0)),
                reverted("A", "PROPOSAL", "QUALIFIED", ReversionReason.BUDGET, day(1)),
                new OwnerReassigned(id("A"), "alice", "bob", day(2)),
                reverted("A", "QUALIFIED", "PROSPECTING", ReversionReason.OTHER, day(3)));

        ReversionReport alices = projection.handle(new GetReversions(null, null, "alice", null));

        assertThat(alices.reversions()).extracting(ReversionReport.Reversion::reason)
                .containsExactly(ReversionReason.BUDGET);
        assertThat(alices.owner()).isEqualTo("alice");
        assertThat(alices.byOwner()).containsOnlyKeys("alice");
    }

    @Test
    void aPeriodEndingBeforeItStartsIsABadRequest() {
        assertThatThrownBy(() -> new GetReversions(LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-01"),
                null, null))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_PERIOD");
                    assertThat(e.kind()).isEqualTo(ProblemKind.BAD_REQUEST);
                });
    }

    @Test
    void anUnknownPipelineIsABadRequest() {
        assertThatThrownBy(() -> projection.handle(new GetReversions(null, null, null, "nope")))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code()).isEqualTo("UNKNOWN_PIPELINE"));
    }

    @Test
    void replayingTheSameEventsTwiceGivesTheSameReport() {
        publishAMixedHistory();
        ReversionReport before = projection.handle(new GetReversions(null, null, null, null));

        feed.redeliverAll();

        assertThat(projection.handle(new GetReversions(null, null, null, null))).isEqualTo(before);
    }

    @Test
    void theResetHandlerClearsEverythingSoAReplayRebuildsItFromScratch() {
        publishAMixedHistory();
        ReversionReport before = projection.handle(new GetReversions(null, null, null, null));

        feed.reset();
        assertThat(projection.handle(new GetReversions(null, null, null, null)).total()).isZero();

        feed.resetAndReplay();
        assertThat(projection.handle(new GetReversions(null, null, null, null))).isEqualTo(before);
    }

    private void publishAMixedHistory() {
        feed.publish(
                created("A", "alice", "PROPOSAL", usd("10"), null, day(0)),
                reverted("A", "PROPOSAL", "QUALIFIED", ReversionReason.BUDGET, day(1)),
                new OwnerReassigned(id("A"), "alice", "bob", day(2)),
                reverted("A", "QUALIFIED", "PROSPECTING", ReversionReason.OTHER, day(3)),
                created("B", "carol", "NEGOTIATION", usd("10"), null, day(0)),
                reverted("B", "NEGOTIATION", "DISCOVERY", ReversionReason.LOSS_OF_MOMENTUM, day(5)));
    }

    private static StageReverted revertAt(String deal, String from, String to, String at) {
        return new StageReverted(id(deal), StageKey.of(from), StageKey.of(to), ReversionReason.OTHER, "why",
                Instant.parse(at));
    }
}
