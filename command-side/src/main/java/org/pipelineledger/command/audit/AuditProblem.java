package org.pipelineledger.command.audit;

/**
 * One break that verification found (docs/audit.md).
 *
 * @param deal     the deal (aggregate id) the break is in; for a checkpoint's own break, {@code null}
 * @param sequence the deal's first sequence number that is not as chained; {@code null} where none applies
 * @param kind     what kind of break it is
 * @param detail   one sentence for the auditor: what was expected and what was found
 */
public record AuditProblem(String deal, Long sequence, Kind kind, String detail) {

    public enum Kind {
        /** The stored event at this place differs from the one chained here (payload, metadata, time, type...). */
        EDITED,
        /** An event the chain or a checkpoint knows at this place is no longer stored. */
        DELETED,
        /** A stored event the chain never saw at this place. */
        INSERTED,
        /** The event stored at this place was chained at another place of the same deal. */
        REORDERED,
        /** A deal a checkpoint names has no events stored at all. */
        MISSING_DEAL,
        /** A checkpoint itself (its leaves, its root or its link to the previous one) was changed or removed. */
        CHECKPOINT,
        /** The store's checkpoint differs from the signed anchor the auditor brought. */
        ANCHOR
    }
}
