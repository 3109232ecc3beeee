package org.pipelineledger.bench;

/** Where H2 keeps the database during a run. Results always state which one was used. */
public enum H2Mode {
    /** A database file under the run's own temporary directory (the app's default URL, relative to it). */
    FILE,
    /** An in-memory database: no disk, an upper bound for what the code can do. */
    MEM
}
