package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What a checkpoint holds, written by the real writer on a database of each test's own. */
class CheckpointWriterTest {

    private final CheckpointTestStore db = new CheckpointTestStore();

    /** The root computed straight from the hash rows: every deal's highest sequence up to the position. */
    private byte[] rootFromTheChain(long position) {
        Map<String, CheckpointLeaf> heads = new TreeMap<>();
        db.jdbc.query("SELECT aggregateidentifier, sequencenumber, hash, globalindex FROM audit_event_hash"
                + " WHERE globalindex <= ?", row -> {
                    CheckpointLeaf leaf = new CheckpointLeaf(row.getString(1), row.getLong(2), row.getBytes(3),
                            row.getLong(4));
                    heads.merge(leaf.deal(), leaf, (a, b) -> a.sequence() > b.sequence() ? a : b);
                }, position);
        List<byte[]> leaves = new ArrayList<>();
        heads.values().forEach(leaf -> leaves.add(MerkleTree.leaf(leaf.deal(), leaf.sequence(), leaf.hash())));
        return MerkleTree.root(leaves);
    }

    private List<String> leavesOf(long checkpoint) {
        return db.jdbc.queryForList("SELECT aggregateidentifier || ':' || sequencenumber FROM audit_checkpoint_leaf"
                + " WHERE checkpoint = ? ORDER BY aggregateidentifier", String.class, checkpoint);
    }

    @Test
    void theFirstCheckpointNamesEveryDealsHeadAndTheNextOnlyTheDealsThatMovedOn() {
        db.append("b-deal", 2);
        db.append("A-deal", 3);
        db.append("ä-deal", 1);
        Checkpoint first = db.checkpoint();

        assertThat(first.number()).isEqualTo(1);
        assertThat(first.position()).isEqualTo(6);
        assertThat(first.deals()).isEqualTo(3);
        assertThat(first.events()).isEqualTo(6);
        assertThat(first.previous()).isEqualTo(EventChain.GENESIS);
        assertThat(first.root()).isEqualTo(rootFromTheChain(6));
        assertThat(first.hashIsIntact()).isTrue();
        assertThat(leavesOf(1)).containsExactly("A-deal:2", "b-deal:1", "ä-deal:0");

        db.append("b-deal", 1);
        db.append("c-deal", 2);
        Checkpoint second = db.checkpoint();

        assertThat(second.number()).isEqualTo(2);
        assertThat(second.previous()).isEqualTo(first.hash());
        assertThat(second.deals()).isEqualTo(4);
        assertThat(second.events()).isEqualTo(9);
        assertThat(second.root()).isEqualTo(rootFromTheChain(9));
        assertThat(leavesOf(2)).containsExactly("b-deal:2", "c-deal:1");
        assertThat(db.store.latest()).hasValueSatisfying(stored -> {
            assertThat(stored.hash()).isEqualTo(second.hash());
            assertThat(stored.time()).isEqualTo(second.time());
            assertThat(stored.settled()).isFalse();
        });
    }

    @Test
    void nothingChainedSinceTheLatestCheckpointWritesNone() {
        assertThat(db.writer.write(db.store.maxGlobalIndex(), false)).isEmpty();
        db.append("deal", 2);
        db.checkpoint();

        assertThat(db.writer.write(db.store.maxGlobalIndex(), true)).isEmpty();
        assertThat(db.writer.write(1, true)).as("a position before the latest").isEmpty();
    }

    @Test
    void aPositionCoversOnlyTheRowsUpToIt() {
        db.append("deal", 3);
        db.append("other", 1);

        Checkpoint checkpoint = db.writer.write(2, true).orElseThrow();

        assertThat(checkpoint.deals()).isEqualTo(1);
        assertThat(leavesOf(1)).containsExactly("deal:1");
        assertThat(checkpoint.root()).isEqualTo(rootFromTheChain(2));
    }

    /**
     * A transaction holding index 5 committed after 6 was: the checkpoint written on request at 6 passed over it, and
     * the next settled one looks again from the latest settled position, so the late event is covered.
     */
    @Test
    void anEventThatCommittedBelowACheckpointWrittenOnRequestIsCoveredByTheNextSettledOne() {
        db.append("early", 4);
        db.writer.write(4, true).orElseThrow();
        db.append("late", 1);
        db.append("on-time", 1);
        // "late" took index 5 but had not committed when the checkpoint on request read up to 6
        db.jdbc.update("UPDATE audit_event_hash SET globalindex = 1000 WHERE aggregateidentifier = 'late'");
        Checkpoint onRequest = db.writer.write(6, false).orElseThrow();
        assertThat(leavesOf(onRequest.number())).containsExactly("on-time:0");
        db.jdbc.update("UPDATE audit_event_hash SET globalindex = 5 WHERE aggregateidentifier = 'late'");
        db.append("next", 1);

        Checkpoint settled = db.writer.write(db.store.maxGlobalIndex(), true).orElseThrow();

        assertThat(leavesOf(settled.number())).containsExactly("late:0", "next:0");
        assertThat(settled.root()).isEqualTo(rootFromTheChain(settled.position()));
    }

    @Test
    void twoWritersOnOneDatabaseContinueEachOthersChain() {
        CheckpointWriter other = db.newWriter();
        db.append("one", 2);
        Checkpoint first = db.writer.write(db.store.maxGlobalIndex(), true).orElseThrow();
        db.append("two", 1);
        Checkpoint second = other.write(db.store.maxGlobalIndex(), true).orElseThrow();
        db.append("one", 1);
        Checkpoint third = db.writer.write(db.store.maxGlobalIndex(), true).orElseThrow();

        assertThat(second.previous()).isEqualTo(first.hash());
        assertThat(third.previous()).isEqualTo(second.hash());
        assertThat(third.deals()).isEqualTo(2);
        assertThat(third.root()).isEqualTo(rootFromTheChain(third.position()));
        assertThat(db.verify(new CheckpointCheck(db.store, null))).isEmpty();
    }

    /**
     * Two nodes write the next checkpoint at once: the second one's clock (read between its look at the latest
     * checkpoint and its insert) lets the first one write and commit in between. The number is taken: the second
     * writes nothing, and its next checkpoint continues the winner's.
     */
    @Test
    void ofTwoWritersOfOneNumberOneWinsAndTheOtherWritesNothing() throws Exception {
        db.append("deal", 1);
        db.checkpoint();
        db.append("deal", 1);
        CheckpointWriter winner = db.newWriter();
        long position = db.store.maxGlobalIndex();
        Runnable race = () -> {
            Thread other = new Thread(() -> winner.write(position, true));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        CheckpointWriter loser = new CheckpointWriter(db.store,
                new TransactionTemplate(new DataSourceTransactionManager(db.jdbc.getDataSource())),
                new RacingClock(race));

        assertThat(loser.write(position, true)).isEmpty();
        assertThat(db.store.latest(10)).extracting(Checkpoint::number).containsExactly(2L, 1L);
        assertThat(leavesOf(2)).containsExactly("deal:1");

        db.append("deal", 1);
        Checkpoint next = loser.write(db.store.maxGlobalIndex(), true).orElseThrow();
        assertThat(next.number()).isEqualTo(3);
        assertThat(next.previous()).isEqualTo(db.store.find(2).orElseThrow().hash());
        assertThat(next.root()).isEqualTo(rootFromTheChain(next.position()));
    }

    /** A clock that runs something once, the first time it is read. */
    private static final class RacingClock extends Clock {

        private Runnable once;

        RacingClock(Runnable once) {
            this.once = once;
        }

        @Override
        public Instant instant() {
            Runnable run = once;
            once = null;
            if (run != null) {
                run.run();
            }
            return CheckpointTestStore.NOW;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
