package org.pipelineledger.command.imports;

/** Where an import job is: reading and sending rows, finished with every row counted, or stopped early. */
public enum ImportStatus {
    RUNNING,
    DONE,
    FAILED
}
