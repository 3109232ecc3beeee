package org.pipelineledger.command.audit;

/**
 * What one verification covers.
 *
 * @param deal            only this deal, or {@code null} for every deal
 * @param fromGlobalIndex only events from this global index on (inclusive), or {@code null}
 * @param toGlobalIndex   only events up to this global index (inclusive), or {@code null}
 * @param anchor          an anchor the auditor kept, as text in the form {@code GET /api/audit/anchor} documents, to
 *                        check the store's checkpoints against; {@code null} for none
 */
public record VerificationScope(String deal, Long fromGlobalIndex, Long toGlobalIndex, String anchor) {

    public static VerificationScope everything() {
        return new VerificationScope(null, null, null, null);
    }

    /** Whether the whole store is walked, so that a deal or event not met is really absent. */
    public boolean complete() {
        return deal == null && fromGlobalIndex == null && toGlobalIndex == null;
    }
}
