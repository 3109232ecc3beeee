package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pipelineledger.command.audit.AuditProblem.Kind;

/**
 * The checkpoints' check as a verification calls it, after tampering directly in the database: each break is found
 * where it is, and nothing is found in an untouched store. Every test has a database of its own.
 */
class CheckpointCheckTest {

    private static final String HMAC_KEY = java.util.Base64.getEncoder()
            .encodeToString("an auditor's test secret, 32 bytes or more".getBytes(StandardCharsets.US_ASCII));

    private final CheckpointTestStore db = new CheckpointTestStore();
    private final AnchorSigner signer = AnchorSigner.hmac(HMAC_KEY);
    private final CheckpointCheck check = new CheckpointCheck(db.store, signer);

    /** Three deals, two checkpoints: alpha and beta in both, gamma only in the second. */
    private Checkpoint threeDeals() {
        db.append("alpha", 3);
        db.append("beta", 2);
        db.checkpoint();
        db.append("alpha", 2);
        db.append("gamma", 1);
        return db.checkpoint();
    }

    private static List<Object> kinds(List<AuditProblem> problems) {
        return problems.stream().map(p -> (Object) tuple(p.deal(), p.sequence(), p.kind())).toList();
    }

    @Test
    void anUntouchedStoreHasNoProblemsWithOrWithoutItsAnchor() {
        Checkpoint latest = threeDeals();
        db.append("beta", 1); // after the latest checkpoint: not covered, not a problem

        assertThat(db.verify(check)).isEmpty();
        String anchor = Anchor.of(latest, signer).signed();
        assertThat(db.verify(check, new VerificationScope(null, null, null, anchor))).isEmpty();
        assertThat(db.verify(check, new VerificationScope("alpha", null, null, anchor))).isEmpty();
    }

    @Test
    void aDealsLastEventDeletedAfterACheckpointIsDeletedAtThatSequence() {
        threeDeals();
        db.deleteEvent("alpha", 4);

        assertThat(kinds(db.verify(check))).containsExactly(tuple("alpha", 4L, Kind.DELETED));
    }

    @Test
    void aDealsLastEventsDeletedAreDeletedAtTheFirstMissingOne() {
        threeDeals();
        db.deleteEvent("alpha", 4);
        db.deleteEvent("alpha", 3);

        assertThat(kinds(db.verify(check))).containsExactly(tuple("alpha", 3L, Kind.DELETED));
    }

    @Test
    void aWholeDealDeletedIsAMissingDealForTheWholeStoreAndForThatDealOnly() {
        threeDeals();
        db.deleteDeal("beta");

        assertThat(kinds(db.verify(check))).containsExactly(tuple("beta", 0L, Kind.MISSING_DEAL));
        assertThat(kinds(db.verify(check, new VerificationScope("beta", null, null, null))))
                .containsExactly(tuple("beta", 0L, Kind.MISSING_DEAL));
        assertThat(db.verify(check, new VerificationScope("alpha", null, null, null))).isEmpty();
        // a range does not cover the whole store: a deal it did not meet may simply lie outside it
        assertThat(db.verify(check, new VerificationScope(null, 1L, 3L, null))).isEmpty();
    }

    @Test
    void aDealRewrittenWithItsChainRecomputedIsEditedAtItsCheckpointedSequence() {
        threeDeals();
        db.rewriteAndRechain("alpha", 1, "{\"text\":\"not what was said\"}");

        List<AuditProblem> problems = db.verify(check);

        assertThat(kinds(problems)).containsExactly(tuple("alpha", 4L, Kind.EDITED));
        assertThat(problems.get(0).detail()).contains("Checkpoint 2");
    }

    @Test
    void anEventAppendedAfterTheLatestCheckpointAndRewrittenIsNotTheCheckpointsToFind() {
        threeDeals();
        db.append("gamma", 1);
        db.rewriteAndRechain("gamma", 1, "{\"text\":\"rewritten before any checkpoint saw it\"}");

        // the limit docs/audit-anchors.md states: what no checkpoint covers yet, only the chain protects
        assertThat(db.verify(check)).isEmpty();
    }

    @Test
    void aChangedLeafIsACheckpointProblem() {
        threeDeals();
        db.jdbc.update("UPDATE audit_checkpoint_leaf SET sequencenumber = 3 WHERE checkpoint = 2"
                + " AND aggregateidentifier = 'alpha'");

        List<AuditProblem> problems = db.verify(check);

        assertThat(kinds(problems)).containsExactly(tuple(null, null, Kind.CHECKPOINT));
        assertThat(problems.get(0).detail()).startsWith("Checkpoint 2's root");
    }

    @Test
    void aChangedRootIsACheckpointProblem() {
        threeDeals();
        db.jdbc.update("UPDATE audit_checkpoint SET root = ? WHERE number = 1", (Object) new byte[32]);

        List<AuditProblem> problems = db.verify(check);

        // the root is in the hash too; and checkpoint 2's root still holds
        assertThat(problems).extracting(AuditProblem::kind).containsOnly(Kind.CHECKPOINT);
        assertThat(problems).extracting(AuditProblem::detail)
                .anySatisfy(detail -> assertThat(detail).startsWith("Checkpoint 1 was changed"))
                .anySatisfy(detail -> assertThat(detail).startsWith("Checkpoint 1's root"));
    }

    @Test
    void aCheckpointDeletedInTheMiddleOrAtTheEndIsACheckpointProblem() {
        threeDeals();
        db.append("beta", 1);
        db.checkpoint();
        db.jdbc.update("DELETE FROM audit_checkpoint WHERE number = 2");

        assertThat(db.verify(check)).extracting(AuditProblem::kind, AuditProblem::detail)
                .containsExactly(tuple(Kind.CHECKPOINT, "Checkpoint 2 is missing: checkpoint 3 follows checkpoint 1."));

        db.jdbc.update("DELETE FROM audit_checkpoint WHERE number = 3");
        assertThat(db.verify(check)).extracting(AuditProblem::detail).contains(
                "Leaves of checkpoint 3 are stored, but the latest checkpoint is 1: checkpoints were deleted.");
    }

    @Test
    void aCheckpointThatNoLongerLinksToThePreviousIsACheckpointProblem() {
        threeDeals();
        db.jdbc.update("UPDATE audit_checkpoint SET previous = ? WHERE number = 2", (Object) new byte[32]);

        assertThat(db.verify(check)).extracting(AuditProblem::detail)
                .anySatisfy(detail -> assertThat(detail).startsWith("Checkpoint 2 does not link to checkpoint 1"));
    }

    /**
     * Everything rewritten consistently: a deal's payload, its hash rows, and every checkpoint written again over
     * them. Nothing in the store contradicts anything else; only the anchor the auditor kept does.
     */
    @Test
    void aWholeStoreRewrittenConsistentlyIsCaughtByTheAnchorOnly() {
        Checkpoint kept = threeDeals();
        String anchor = Anchor.of(kept, signer).signed();
        db.rewriteAndRechain("beta", 0, "{\"text\":\"a different first note\"}");
        db.jdbc.update("DELETE FROM audit_checkpoint_leaf");
        db.jdbc.update("DELETE FROM audit_checkpoint");
        CheckpointWriter forger = db.newWriter();
        forger.write(3, true);
        forger.write(db.store.maxGlobalIndex(), true);

        assertThat(db.verify(check)).isEmpty();
        List<AuditProblem> problems = db.verify(check, new VerificationScope(null, null, null, anchor));
        assertThat(kinds(problems)).containsExactly(tuple(null, null, Kind.ANCHOR));
        assertThat(problems.get(0).detail()).startsWith("The store's checkpoint 2 has hash");
    }

    @Test
    void aDealRewrittenBeforeTheAnchorIsFoundEvenWhenTheCheckpointsAfterItWereWrittenAgain() {
        Checkpoint kept = threeDeals();
        String anchor = Anchor.of(kept, signer).signed();
        db.append("alpha", 1);
        db.checkpoint();
        // alpha rewritten, and checkpoint 3 (after the anchor) written again over the rewritten chain
        db.rewriteAndRechain("alpha", 0, "{\"text\":\"rewritten\"}");
        db.jdbc.update("DELETE FROM audit_checkpoint_leaf WHERE checkpoint = 3");
        db.jdbc.update("DELETE FROM audit_checkpoint WHERE number = 3");
        db.newWriter().write(db.store.maxGlobalIndex(), true);

        assertThat(db.verify(check)).isEmpty();
        assertThat(kinds(db.verify(check, new VerificationScope(null, null, null, anchor))))
                .containsExactly(tuple("alpha", 4L, Kind.EDITED));
    }

    @Test
    void anAnchorWhoseCheckpointIsGoneOrWhoseSignatureFailsIsAnAnchorProblem() {
        Checkpoint kept = threeDeals();
        Anchor anchor = Anchor.of(kept, signer);
        String json = "{\"signed\":" + quote(anchor.signed()) + ",\"algorithm\":\"" + anchor.algorithm()
                + "\",\"keyId\":\"" + anchor.keyId() + "\",\"signature\":\"" + anchor.signature() + "\"}";
        assertThat(db.verify(check, new VerificationScope(null, null, null, json))).isEmpty();

        String forged = json.replace("deals: 3", "deals: 4");
        assertThat(db.verify(check, new VerificationScope(null, null, null, forged)))
                .extracting(AuditProblem::kind, AuditProblem::detail)
                .containsExactly(tuple(Kind.ANCHOR, "The anchor's signature does not verify with key "
                        + signer.keyId() + ": the anchor itself was changed."));

        assertThat(db.verify(check, new VerificationScope(null, null, null, "checkpoint 2, trust me")))
                .extracting(AuditProblem::kind).containsExactly(Kind.ANCHOR);

        db.jdbc.update("DELETE FROM audit_checkpoint WHERE number = 2");
        assertThat(db.verify(check, new VerificationScope(null, null, null, json)))
                .extracting(AuditProblem::kind).contains(Kind.ANCHOR, Kind.CHECKPOINT);
    }

    @Test
    void aBreakInTheChainAfterTheAnchorsCheckpointIsAlsoAnAnchorProblem() {
        db.append("alpha", 1);
        Checkpoint kept = db.checkpoint();
        db.append("beta", 1);
        db.checkpoint();
        db.jdbc.update("UPDATE audit_checkpoint SET events = 99 WHERE number = 2");

        assertThat(db.verify(check, new VerificationScope(null, null, null, Anchor.of(kept, signer).signed())))
                .extracting(AuditProblem::kind).contains(Kind.CHECKPOINT, Kind.ANCHOR);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
