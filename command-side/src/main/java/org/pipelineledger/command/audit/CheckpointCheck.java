package org.pipelineledger.command.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pipelineledger.command.audit.AuditProblem.Kind;

/**
 * The checkpoints' part of a verification (ADR 0016, docs/audit-anchors.md): what the chain alone cannot find.
 * <ul>
 *   <li>{@link #start}: the checkpoints' own chain, each one's number, link, hash and root recomputed from the stored
 *   leaves ({@code CHECKPOINT}); and the anchor the auditor brought, if any, against the store's checkpoint of its
 *   number and the chain after it ({@code ANCHOR}).</li>
 *   <li>{@link #deal}: the deal's head in the latest checkpoint (and in the anchor's, when one was brought and
 *   matches) against what the walk recomputed, unless the deal has a leaf in a checkpoint whose root does not hold
 *   (that is the checkpoint's problem, not the deal's): its sequence no longer stored is {@code DELETED} at the first missing
 *   sequence, a different hash at it is {@code EDITED} there (the deal's events rewritten and chained again).</li>
 *   <li>{@link #finish}: a deal a checkpoint names that the walk never met is a {@code MISSING_DEAL}, when the walk
 *   covered the whole store or that deal.</li>
 * </ul>
 * Memory: the heads (one per deal, twice with an anchor) and the deals not yet met, never the events. One verification
 * at a time (the listener contract): a job is started in the request's thread and walked in its own.
 */
final class CheckpointCheck implements ChainWalkListener {

    /** Checkpoints read per query. */
    private static final int PAGE = 1000;

    private final CheckpointStore store;
    private final AnchorSigner signer;
    /** The verification under way: one at a time ({@link ChainVerifier} holds the lock), begun and walked on any threads. */
    private final AtomicReference<Walk> current = new AtomicReference<>();

    /** @param signer the ledger's anchor key, to check an anchor's signature when it is by that key; may be null */
    CheckpointCheck(CheckpointStore store, AnchorSigner signer) {
        this.store = store;
        this.signer = signer;
    }

    /** One walk's state. */
    private static final class Walk {
        final VerificationScope scope;
        final List<AuditProblem> problems = new ArrayList<>();
        Map<String, CheckpointHeads.Head> latest = Map.of();
        Map<String, CheckpointHeads.Head> atAnchor;
        long anchorNumber;
        Set<String> unmet = new HashSet<>();
        /** Deals with a leaf in a checkpoint whose root does not hold: a CHECKPOINT problem, not theirs. */
        final Set<String> suspect = new HashSet<>();

        Walk(VerificationScope scope) {
            this.scope = scope;
        }

        void problem(String deal, Long sequence, Kind kind, String detail) {
            problems.add(new AuditProblem(deal, sequence, kind, detail));
        }
    }

    @Override
    public void start(VerificationScope scope) {
        Walk walk = new Walk(scope);
        current.set(walk);
        Anchor anchor = null;
        if (scope.anchor() != null) {
            try {
                anchor = Anchor.parse(scope.anchor());
            } catch (IllegalArgumentException e) {
                walk.problem(null, null, Kind.ANCHOR, "The anchor cannot be read: " + e.getMessage() + ".");
            }
        }
        TreeSet<Long> breaks = checkChain(walk, anchor);
        if (anchor != null) {
            checkAnchor(walk, anchor, breaks);
        }
        walk.unmet = new HashSet<>(walk.latest.keySet());
        walk.unmet.removeAll(walk.suspect);
    }

    /** Walks the checkpoints in order; the numbers at which one was found broken. */
    private TreeSet<Long> checkChain(Walk walk, Anchor anchor) {
        TreeSet<Long> breaks = new TreeSet<>();
        CheckpointHeads heads = new CheckpointHeads();
        byte[] previousHash = EventChain.GENESIS;
        long previousPosition = -1;
        long expected = 1;
        boolean rootsHeld = true;
        for (List<Checkpoint> page = store.after(0, PAGE); !page.isEmpty();
             page = store.after(page.get(page.size() - 1).number(), PAGE)) {
            for (Checkpoint checkpoint : page) {
                long number = checkpoint.number();
                List<String> changed = new ArrayList<>();
                store.leaves(heads.checkpoint(), number, leaf -> {
                    heads.put(leaf.leaf(), leaf.checkpoint());
                    changed.add(leaf.leaf().deal());
                });
                heads.at(number);
                if (number != expected) {
                    broken(walk, breaks, number, "Checkpoint" + (number - expected > 1 ? "s " + expected + " to "
                            + (number - 1) + " are" : " " + expected + " is") + " missing: checkpoint " + number
                            + " follows checkpoint " + (expected - 1) + ".");
                } else if (!Arrays.equals(checkpoint.previous(), previousHash)) {
                    broken(walk, breaks, number, "Checkpoint " + number + " does not link to checkpoint "
                            + (number - 1) + ": it names " + EventChain.hex(checkpoint.previous()) + " as the previous"
                            + " hash, which is " + EventChain.hex(previousHash) + ".");
                }
                if (!checkpoint.hashIsIntact()) {
                    broken(walk, breaks, number, "Checkpoint " + number + " was changed: its fields do not give its"
                            + " hash " + EventChain.hex(checkpoint.hash()) + ".");
                }
                if (checkpoint.position() <= previousPosition) {
                    broken(walk, breaks, number, "Checkpoint " + number + " covers position "
                            + checkpoint.position() + ", not past the previous checkpoint's " + previousPosition + ".");
                }
                boolean rootHolds = Arrays.equals(heads.root(), checkpoint.root())
                        && heads.size() == checkpoint.deals() && heads.events() == checkpoint.events();
                if (!rootHolds && rootsHeld) {
                    // reported where it starts: a changed leaf stays under every later root until its deal moves on
                    broken(walk, breaks, number, "Checkpoint " + number + "'s root, deals or events do not match its"
                            + " stored leaves (" + heads.size() + " deals, " + heads.events() + " events, root "
                            + EventChain.hex(heads.root()) + "): a leaf was changed, added or removed.");
                }
                if (!rootHolds) {
                    // one of these leaves is not what was written: their deals are not compared with them
                    walk.suspect.addAll(changed);
                }
                rootsHeld = rootHolds;
                if (anchor != null && number == anchor.checkpoint()) {
                    walk.atAnchor = heads.snapshot();
                    walk.anchorNumber = number;
                }
                previousHash = checkpoint.hash();
                previousPosition = checkpoint.position();
                expected = number + 1;
            }
        }
        long leavesUpTo = store.latestLeafCheckpoint();
        if (leavesUpTo >= expected) {
            broken(walk, breaks, leavesUpTo, "Leaves of checkpoint " + leavesUpTo + " are stored, but the latest"
                    + " checkpoint is " + (expected - 1) + ": checkpoints were deleted.");
        }
        walk.latest = heads.snapshot();
        return breaks;
    }

    private static void broken(Walk walk, Set<Long> breaks, long number, String detail) {
        breaks.add(number);
        walk.problem(null, null, Kind.CHECKPOINT, detail);
    }

    private void checkAnchor(Walk walk, Anchor anchor, TreeSet<Long> breaks) {
        long number = anchor.checkpoint();
        if (anchor.signature() != null && signer != null && signer.algorithm().equals(anchor.algorithm())
                && signer.keyId().equals(anchor.keyId())
                && !signer.verify(anchor.signed().getBytes(StandardCharsets.UTF_8), anchor.signatureBytes())) {
            walk.problem(null, null, Kind.ANCHOR, "The anchor's signature does not verify with key "
                    + signer.keyId() + ": the anchor itself was changed.");
            walk.atAnchor = null;
            return;
        }
        Checkpoint stored = store.find(number).orElse(null);
        if (stored == null) {
            walk.problem(null, null, Kind.ANCHOR, "The store has no checkpoint " + number + ", which the anchor"
                    + " holds with hash " + anchor.hash() + ": checkpoints were deleted or the store replaced.");
            walk.atAnchor = null;
            return;
        }
        if (!Arrays.equals(stored.hash(), anchor.hashBytes())) {
            walk.problem(null, null, Kind.ANCHOR, "The store's checkpoint " + number + " has hash "
                    + EventChain.hex(stored.hash()) + ", the anchor holds " + anchor.hash() + ": the store was"
                    + " rewritten up to checkpoint " + number + ".");
            walk.atAnchor = null;
            return;
        }
        Long after = breaks.ceiling(number);
        if (after != null) {
            walk.problem(null, null, Kind.ANCHOR, "The store's checkpoint " + number + " matches the anchor, but the"
                    + " checkpoints from it on are broken at checkpoint " + after + ".");
        }
    }

    @Override
    public void deal(String deal, long[] sequences, byte[][] computedHashes) {
        Walk walk = current.get();
        if (walk == null) {
            throw new IllegalStateException("deal() before start()");
        }
        if (walk.scope.deal() != null && !walk.scope.deal().equals(deal)) {
            return;
        }
        walk.unmet.remove(deal);
        if (walk.suspect.contains(deal)) {
            return;
        }
        CheckpointHeads.Head atAnchor = walk.atAnchor == null ? null : walk.atAnchor.get(deal);
        CheckpointHeads.Head latest = walk.latest.get(deal);
        // the anchor's head first: it is the earlier place, and what the anchor vouches for
        if (atAnchor != null && check(walk, deal, atAnchor, sequences, computedHashes)) {
            return;
        }
        if (latest != null && latest != atAnchor) {
            check(walk, deal, latest, sequences, computedHashes);
        }
    }

    /** Compares one head with the walk's deal; whether it found a problem. */
    private static boolean check(Walk walk, String deal, CheckpointHeads.Head head, long[] sequences,
                                 byte[][] computedHashes) {
        CheckpointLeaf leaf = head.leaf();
        VerificationScope scope = walk.scope;
        boolean ranged = scope.fromGlobalIndex() != null || scope.toGlobalIndex() != null;
        if ((scope.fromGlobalIndex() != null && leaf.globalIndex() < scope.fromGlobalIndex())
                || (scope.toGlobalIndex() != null && leaf.globalIndex() > scope.toGlobalIndex())) {
            return false;
        }
        int at = Arrays.binarySearch(sequences, leaf.sequence());
        if (at < 0) {
            long missing = ranged && sequences.length > 0 ? sequences[0] : 0;
            for (long sequence : sequences) {
                if (sequence != missing || sequence > leaf.sequence()) {
                    break;
                }
                missing++;
            }
            walk.problem(deal, missing, Kind.DELETED, "Checkpoint " + head.checkpoint() + " chained this deal up to"
                    + " sequence " + leaf.sequence() + "; sequence " + missing + " is no longer stored.");
            return true;
        }
        if (!Arrays.equals(computedHashes[at], leaf.hash())) {
            walk.problem(deal, leaf.sequence(), Kind.EDITED, "Checkpoint " + head.checkpoint() + " holds hash "
                    + EventChain.hex(leaf.hash()) + " for sequence " + leaf.sequence() + "; the stored events give "
                    + EventChain.hex(computedHashes[at]) + ": they were rewritten and chained again.");
            return true;
        }
        return false;
    }

    @Override
    public List<AuditProblem> finish() {
        Walk walk = current.getAndSet(null);
        if (walk == null) {
            throw new IllegalStateException("finish() before start()");
        }
        VerificationScope scope = walk.scope;
        for (String deal : new TreeSet<>(walk.unmet)) {
            if (scope.complete() || deal.equals(scope.deal())) {
                CheckpointHeads.Head head = walk.latest.get(deal);
                walk.problem(deal, 0L, Kind.MISSING_DEAL, "Checkpoint " + head.checkpoint() + " chained this deal up"
                        + " to sequence " + head.leaf().sequence() + "; none of its events is stored.");
            }
        }
        return List.copyOf(walk.problems);
    }
}
