package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pipelineledger.command.audit.AuditProblem.Kind;

/**
 * The walk finds each kind of tampering at the right deal and sequence, each done directly in the database as
 * someone with write access to it would, in a store of each test's own; an untouched store verifies clean.
 */
class ChainVerifierTest {

    private final AuditStore store = AuditStore.migrated();

    /** An untouched deal next to the tampered one, which must stay clean. */
    private final String bystander = store.deal(4);

    private AuditProblem onlyProblem(String deal) {
        VerificationResult result = store.verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).as("one problem, of the tampered deal").singleElement()
                .extracting(AuditProblem::deal).isEqualTo(deal);
        return result.problems().get(0);
    }

    private static void isAt(AuditProblem problem, long sequence, Kind kind) {
        assertThat(problem.sequence()).as(problem.detail()).isEqualTo(sequence);
        assertThat(problem.kind()).as(problem.detail()).isEqualTo(kind);
    }

    @Test
    void anUntouchedStoreVerifiesClean() {
        store.deal(1);
        store.deal(7);

        VerificationResult result = store.verify();

        assertThat(result.ok()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result.eventsChecked()).isEqualTo(12);
        assertThat(result.deals()).isEqualTo(3);
        assertThat(result.covers()).startsWith("the whole store");
        assertThat(result.finishedAt()).isAfterOrEqualTo(result.startedAt());
    }

    @Test
    void oneByteOfAPayloadChangedIsEditedAtItsSequence() {
        String deal = store.deal(5);
        store.flipByte("payload", deal, 2, 12);

        AuditProblem problem = onlyProblem(deal);

        isAt(problem, 2, Kind.EDITED);
        assertThat(problem.detail()).contains("NoteAdded").contains("at sequence 2");
    }

    @Test
    void oneByteOfMetadataChangedIsEdited() {
        String deal = store.deal(5);
        store.flipByte("metadata", deal, 3, 3);

        isAt(onlyProblem(deal), 3, Kind.EDITED);
    }

    @Test
    void oneCharacterOfTheTimestampChangedIsEdited() {
        String deal = store.deal(5);
        String timestamp = store.jdbc.queryForObject("SELECT timestamp FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = 1", String.class, deal);
        // 2026-11-30T10:01:00Z -> 2026-11-30T10:01:01Z: a second later, the same length
        String later = timestamp.substring(0, 18) + "1" + timestamp.substring(19);
        store.jdbc.update("UPDATE domainevententry SET timestamp = ? WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 1", later, deal);

        isAt(onlyProblem(deal), 1, Kind.EDITED);
    }

    @Test
    void anEventDeletedInTheMiddleIsDeletedAtItsSequence() {
        String deal = store.deal(6);
        store.jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 3", deal);

        AuditProblem problem = onlyProblem(deal);

        isAt(problem, 3, Kind.DELETED);
    }

    @Test
    void anEventDeletedWithItsHashIsStillAGapInTheSequence() {
        String deal = store.deal(6);
        store.jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 2", deal);
        store.jdbc.update("DELETE FROM audit_event_hash WHERE aggregateidentifier = ? AND sequencenumber = 2", deal);

        isAt(onlyProblem(deal), 2, Kind.DELETED);
    }

    @Test
    void theLastEventDeletedWhileItsHashStaysIsFoundByTheHashRowsWithoutEvents() {
        // no later event shows a gap: only the hash rows the events no longer have can tell
        // (with the hash row deleted too, it is the checkpoints that tell)
        String deal = store.deal(4);
        store.jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 3", deal);

        isAt(onlyProblem(deal), 3, Kind.DELETED);
    }

    @Test
    void aRowAddedAtTheEndIsInserted() {
        String deal = store.deal(3);
        store.insert(deal, 3, "slipped in");

        AuditProblem problem = onlyProblem(deal);

        isAt(problem, 3, Kind.INSERTED);
        assertThat(problem.detail()).contains("where the chain has no event");
    }

    @Test
    void aRowAddedInTheMiddleByRenumberingTheRestIsInsertedAtItsPlace() {
        String deal = store.deal(5);
        for (long sequence = 4; sequence >= 2; sequence--) {
            store.jdbc.update("UPDATE domainevententry SET sequencenumber = ? WHERE aggregateidentifier = ?"
                    + " AND sequencenumber = ?", sequence + 1, deal, sequence);
        }
        store.insert(deal, 2, "slipped in");

        AuditProblem problem = onlyProblem(deal);

        isAt(problem, 2, Kind.INSERTED);
        assertThat(problem.detail()).contains("the chain never saw it").contains("more break(s) later");
    }

    @Test
    void twoSequenceNumbersSwappedAreReorderedAtTheFirst() {
        String deal = store.deal(6);
        store.jdbc.update("UPDATE domainevententry SET sequencenumber = -1 WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 1", deal);
        store.jdbc.update("UPDATE domainevententry SET sequencenumber = 1 WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 4", deal);
        store.jdbc.update("UPDATE domainevententry SET sequencenumber = 4 WHERE aggregateidentifier = ?"
                + " AND sequencenumber = -1", deal);

        AuditProblem problem = onlyProblem(deal);

        isAt(problem, 1, Kind.REORDERED);
        assertThat(problem.detail()).contains("was chained at sequence 4");
    }

    @Test
    void aHashRewrittenToMatchAnEditMovesTheBreakToTheNextEventOnly() {
        // the intruder edits event 2 and recomputes its hash over the stored one before it: event 3 is chained over
        // the old hash, and the chain recomputed from the start says so
        String deal = store.deal(5);
        store.flipByte("payload", deal, 2, 12);
        StoredEvent edited = store.events(deal).get(2);
        byte[] before = store.jdbc.queryForObject("SELECT hash FROM audit_event_hash WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 1", byte[].class, deal);
        store.jdbc.update("UPDATE audit_event_hash SET hash = ? WHERE aggregateidentifier = ? AND sequencenumber = 2",
                EventChain.hash(before, edited), deal);

        isAt(onlyProblem(deal), 3, Kind.EDITED);
    }

    @Test
    void eachBrokenDealHasItsFirstBreakAndTheLaterOnesAreCounted() {
        String first = store.deal(6);
        String second = store.deal(3);
        store.flipByte("payload", first, 4, 12);
        store.flipByte("payload", first, 1, 12);
        store.jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0", second);

        VerificationResult result = store.verify();

        assertThat(result.problems()).extracting(AuditProblem::deal).containsExactlyInAnyOrder(first, second);
        AuditProblem firstProblem = result.problems().stream().filter(p -> p.deal().equals(first)).findFirst()
                .orElseThrow();
        isAt(firstProblem, 1, Kind.EDITED);
        assertThat(firstProblem.detail()).endsWith("; 1 more break(s) later in this deal");
        isAt(result.problems().stream().filter(p -> p.deal().equals(second)).findFirst().orElseThrow(), 0,
                Kind.DELETED);
    }

    @Test
    void aWholeDealsEventsDeletedWhileItsHashesStayIsDeletedFromItsFirst() {
        String deal = store.deal(3);
        store.jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ?", deal);

        AuditProblem problem = onlyProblem(deal);

        isAt(problem, 0, Kind.DELETED);
        assertThat(problem.detail()).contains("none of them is stored");
    }

    @Test
    void oneDealIsVerifiedAlone() {
        String deal = store.deal(3);
        store.flipByte("payload", bystander, 1, 12);

        VerificationResult alone = store.verifier().verify(new VerificationScope(deal, null, null, null));

        assertThat(alone.ok()).isTrue();
        assertThat(alone.eventsChecked()).isEqualTo(3);
        assertThat(alone.deals()).isEqualTo(1);
        assertThat(store.verifier().verify(new VerificationScope(bystander, null, null, null)).problems())
                .singleElement().satisfies(problem -> isAt(problem, 1, Kind.EDITED));
    }

    @Test
    void aRangeStartsEachDealFromTheStoredHashBeforeIt() {
        String deal = store.deal(6);
        long from = store.globalIndex(deal, 2);
        long to = store.globalIndex(deal, 4);

        VerificationResult range = store.verifier().verify(new VerificationScope(null, from, to, null));

        assertThat(range.problems()).isEmpty();
        assertThat(range.eventsChecked()).isEqualTo(3);
        assertThat(range.covers()).contains("[" + from + ", " + to + "]").contains("not seen");
    }

    @Test
    void aRangeFindsWhatIsInItAndNotWhatIsBeforeIt() {
        String deal = store.deal(6);
        store.flipByte("payload", deal, 3, 12);
        store.flipByte("payload", bystander, 0, 12);
        long from = store.globalIndex(deal, 2);

        List<AuditProblem> found = store.verifier().verify(new VerificationScope(null, from, null, null)).problems();

        assertThat(found).singleElement().satisfies(problem -> {
            assertThat(problem.deal()).isEqualTo(deal);
            isAt(problem, 3, Kind.EDITED);
        });
    }

    @Test
    void theCountIsOfTheEventsInTheScope() {
        String deal = store.deal(5);

        assertThat(store.verifier().count(VerificationScope.everything())).isEqualTo(9);
        assertThat(store.verifier().count(new VerificationScope(deal, null, null, null))).isEqualTo(5);
        assertThat(store.verifier().count(new VerificationScope(null, store.globalIndex(deal, 1),
                store.globalIndex(deal, 2), null))).isEqualTo(2);
    }

    @Test
    void progressIsToldAfterEveryDeal() {
        store.deal(2);
        List<Long> told = new ArrayList<>();

        store.verifier().start(VerificationScope.everything()).walk(told::add);

        assertThat(told).hasSize(2).last().isEqualTo(6L);
    }

    /** A listener that records what it was told and answers the problems it is given. */
    static final class Recording implements ChainWalkListener {

        final List<AuditProblem> answer;
        VerificationScope scope;
        final List<String> deals = new ArrayList<>();
        final List<long[]> sequences = new ArrayList<>();
        final List<byte[][]> hashes = new ArrayList<>();

        Recording(AuditProblem... answer) {
            this.answer = List.of(answer);
        }

        @Override
        public void start(VerificationScope scope) {
            this.scope = scope;
        }

        @Override
        public void deal(String deal, long[] sequences, byte[][] computedHashes) {
            deals.add(deal);
            this.sequences.add(sequences);
            hashes.add(computedHashes);
        }

        @Override
        public List<AuditProblem> finish() {
            return answer;
        }
    }

    @Test
    void listenersAreToldTheScopeAndEveryDealWithItsComputedHashes() {
        String deal = store.deal(3);
        store.flipByte("payload", deal, 1, 12);
        Recording listener = new Recording();
        VerificationScope scope = VerificationScope.everything();

        store.verifier(listener).verify(scope);

        assertThat(listener.scope).isSameAs(scope);
        assertThat(listener.deals).containsExactlyInAnyOrder(bystander, deal);
        int at = listener.deals.indexOf(deal);
        assertThat(listener.sequences.get(at)).containsExactly(0, 1, 2);
        // the chain recomputed from the stored rows, not the hashes stored: event 1 was edited after it was chained
        byte[] previous = EventChain.GENESIS;
        List<String> expected = new ArrayList<>();
        for (StoredEvent event : store.events(deal)) {
            previous = EventChain.hash(previous, event);
            expected.add(EventChain.hex(previous));
        }
        assertThat(Arrays.stream(listener.hashes.get(at)).map(EventChain::hex).toList()).isEqualTo(expected);
    }

    @Test
    void oneProblemPerDealIsKeptTheLowestSequenceAndTheWalksOnATie() {
        String tie = store.deal(4);
        String lower = store.deal(4);
        String listenersOnly = "deal-known-only-to-a-checkpoint";
        store.flipByte("payload", tie, 2, 12);
        store.flipByte("payload", lower, 3, 12);
        AuditProblem storeWide = new AuditProblem(null, null, Kind.CHECKPOINT, "checkpoint 3's root differs");
        AuditProblem anchor = new AuditProblem(null, null, Kind.ANCHOR, "the anchor's hash differs");
        Recording listener = new Recording(storeWide, new AuditProblem(tie, 2L, Kind.DELETED, "tie"),
                new AuditProblem(lower, 1L, Kind.DELETED, "lower"),
                new AuditProblem(listenersOnly, null, Kind.MISSING_DEAL, "gone"), anchor,
                new AuditProblem(bystander, null, Kind.MISSING_DEAL, "unlocated"));

        List<AuditProblem> problems = store.verifier(listener).verify(VerificationScope.everything()).problems();

        assertThat(problems).hasSize(6);
        assertThat(problems.subList(0, 2)).containsExactly(storeWide, anchor);
        assertThat(problems).filteredOn(p -> tie.equals(p.deal())).singleElement()
                .satisfies(problem -> isAt(problem, 2, Kind.EDITED));
        assertThat(problems).filteredOn(p -> lower.equals(p.deal())).singleElement()
                .satisfies(problem -> isAt(problem, 1, Kind.DELETED));
        assertThat(problems).filteredOn(p -> listenersOnly.equals(p.deal())).singleElement()
                .extracting(AuditProblem::kind).isEqualTo(Kind.MISSING_DEAL);
        assertThat(problems).filteredOn(p -> bystander.equals(p.deal())).singleElement()
                .extracting(AuditProblem::kind).isEqualTo(Kind.MISSING_DEAL);
    }

    @Test
    void aVerificationStartsOnceTheOneBeforeHasWalkedOrWasAbandoned() {
        ChainVerifier verifier = store.verifier();
        verifier.verify(VerificationScope.everything());
        ChainVerifier.Run abandoned = verifier.start(VerificationScope.everything());
        abandoned.abandon();

        assertThat(verifier.verify(VerificationScope.everything()).ok()).isTrue();
    }

    @Test
    void aLocatedProblemComesBeforeOneWithoutASequence() {
        AuditProblem located = new AuditProblem("d", 7L, Kind.DELETED, "");
        AuditProblem unlocated = new AuditProblem("d", null, Kind.MISSING_DEAL, "");

        assertThat(ChainVerifier.firstOf(unlocated, located)).isSameAs(located);
        assertThat(ChainVerifier.firstOf(located, unlocated)).isSameAs(located);
    }
}
