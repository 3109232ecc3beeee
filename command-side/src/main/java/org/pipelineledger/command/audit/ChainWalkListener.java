package org.pipelineledger.command.audit;

import java.util.List;

/**
 * What verification tells others as it walks the event store (ADR 0016): every Spring bean of this type is started
 * with the scope, told each deal's walk, and asked for its problems at the end. The checkpoints' check is one: it
 * finds what the chain alone cannot, a deal's last events or the whole deal deleted.
 * <p>
 * One verification at a time ({@link ChainVerifier} holds a lock), its calls one after another but not always from
 * one thread (a job is started in the request's thread and walked in its own); deals come in no particular order,
 * each deal once.
 */
public interface ChainWalkListener {

    void start(VerificationScope scope);

    /**
     * One deal as the walk found it.
     *
     * @param sequences      the deal's stored sequence numbers that the walk covered, ascending
     * @param computedHashes for each of them the chain's hash recomputed from the stored rows (each over the one
     *                       computed before it, from {@link EventChain#GENESIS} at sequence 0): what the chain
     *                       would hold if nothing had been touched
     */
    void deal(String deal, long[] sequences, byte[][] computedHashes);

    /** The problems found, after the last deal; the walk's own problems are not repeated here. */
    List<AuditProblem> finish();
}
