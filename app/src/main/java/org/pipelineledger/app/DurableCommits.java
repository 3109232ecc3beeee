package org.pipelineledger.app;

/**
 * Waits, after a unit of work that appended events has committed, until those events would survive a crash of this
 * process: the event store calls it before a command is answered (ADR 0013). A database that is durable at commit
 * (PostgreSQL with {@code synchronous_commit} on) needs nothing; H2 keeps committed changes in memory for up to its
 * write delay and needs {@link H2Checkpoints}.
 */
interface DurableCommits {

    /** Nothing to wait for: the database made the commit durable itself, or keeps nothing (in memory). */
    DurableCommits AT_COMMIT = new DurableCommits() {
        @Override
        public void awaitDurable() {
        }

        @Override
        public String toString() {
            return "durable at commit";
        }
    };

    /** Returns once every transaction committed before the call is durable; throws if that cannot be made sure. */
    void awaitDurable();
}
