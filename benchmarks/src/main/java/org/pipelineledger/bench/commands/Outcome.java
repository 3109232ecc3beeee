package org.pipelineledger.bench.commands;

import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemKind;

/** How a command ended, so that conflicts are counted as the issue asks and anything else shows up as an error. */
enum Outcome {
    ACCEPTED, CONFLICT, ERROR;

    static Outcome of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LedgerException ledger) {
                return ledger.kind() == ProblemKind.CONFLICT ? CONFLICT : ERROR;
            }
            String name = t.getClass().getSimpleName();
            // Axon's optimistic-locking family: two appends raced for the same aggregate sequence number
            if (name.equals("ConcurrencyException") || name.equals("ConflictingAggregateVersionException")
                    || name.equals("AggregateStreamCreationException")) {
                return CONFLICT;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ERROR;
    }
}
