package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkpoint's Merkle root and its own hash, pinned to figures an independent Python script gave. */
class CheckpointMerkleTreeTest {

    private static byte[] filled(int value) {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) value);
        return hash;
    }

    /** Five deals whose Java order (B, Z, a, ä, é) is not what a case-insensitive or accent-aware collation gives. */
    private static CheckpointHeads fiveDeals() {
        CheckpointHeads heads = new CheckpointHeads();
        heads.put(new CheckpointLeaf("é", 2, filled(4), 4), 1);
        heads.put(new CheckpointLeaf("a", 1, filled(3), 3), 1);
        heads.put(new CheckpointLeaf("Z", 4, filled(2), 2), 1);
        heads.put(new CheckpointLeaf("ä", 7, filled(5), 5), 1);
        heads.put(new CheckpointLeaf("B", 0, filled(1), 1), 1);
        return heads;
    }

    @Test
    void theRootIsOverTheDealsInJavaStringOrderWithTheOddNodeCarriedUp() {
        // python3: leaves sha256(0x00 + len-prefixed deal, str(sequence), hash), nodes sha256(0x01 + l + r), sorted
        // by UTF-16 code units, an odd node carried up unchanged
        assertThat(EventChain.hex(fiveDeals().root()))
                .isEqualTo("1dd6402d0b0318b95c9e948db12a655e9b77d2ba30f604279f77dd942cc15b7d");
    }

    @Test
    void oneLeafIsItsOwnRootAndNoLeavesHashNothing() {
        assertThat(EventChain.hex(MerkleTree.root(List.of(MerkleTree.leaf("B", 0, filled(1))))))
                .isEqualTo("9f9626deef1490499dc194349bbebfb8c782d1aee9989a141777bebe0dff13a9");
        assertThat(EventChain.hex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void carryingTheOddNodeUpKeepsAListAndTheListWithItsLastLeafTwiceApart() {
        List<byte[]> three = new ArrayList<>(List.of(MerkleTree.leaf("a", 0, filled(1)),
                MerkleTree.leaf("b", 0, filled(2)), MerkleTree.leaf("c", 0, filled(3))));
        byte[] root = MerkleTree.root(three);
        three.add(three.get(2));
        assertThat(MerkleTree.root(three)).isNotEqualTo(root);
    }

    @Test
    void aLeafIsNotANode() {
        byte[] left = filled(1);
        byte[] right = filled(2);
        assertThat(MerkleTree.node(left, right)).isNotEqualTo(MerkleTree.leaf("", 0, left));
        assertThat(MerkleTree.leaf("deal", 12, left)).isNotEqualTo(MerkleTree.leaf("deal1", 2, left));
    }

    @Test
    void theHeadsCountTheEventsTheirDealsChain() {
        CheckpointHeads heads = fiveDeals();
        assertThat(heads.events()).isEqualTo(1 + 5 + 2 + 8 + 3);
        heads.put(new CheckpointLeaf("a", 6, filled(9), 9), 2);
        assertThat(heads.events()).isEqualTo(1 + 5 + 7 + 8 + 3);
        assertThat(heads.size()).isEqualTo(5);
    }

    @Test
    void theCheckpointsHashIsSha256OfItsDocumentedText() {
        Checkpoint checkpoint = Checkpoint.of(1, 42, Instant.parse("2026-12-01T10:00:00.000123Z"), 15, 5,
                fiveDeals().root(), EventChain.GENESIS, true);

        assertThat(checkpoint.hashedText()).isEqualTo("""
                pipeline-ledger checkpoint v1
                number: 1
                position: 42
                time: 2026-12-01T10:00:00.000Z
                events: 15
                deals: 5
                root: 1dd6402d0b0318b95c9e948db12a655e9b77d2ba30f604279f77dd942cc15b7d
                previous: 0000000000000000000000000000000000000000000000000000000000000000
                """);
        // python3: hashlib.sha256(text.encode()).hexdigest()
        assertThat(EventChain.hex(checkpoint.hash()))
                .isEqualTo("412710809807acd12da70f858f96203df402ea55775e39f5a1877ace157a3224");
        assertThat(checkpoint.hashIsIntact()).isTrue();
    }
}
