package org.pipelineledger.command.audit;

/** Where a verification job is: walking, finished with its result, or stopped by an error. */
public enum VerificationStatus {
    RUNNING,
    DONE,
    FAILED
}
