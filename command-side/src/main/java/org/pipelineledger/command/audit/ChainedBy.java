package org.pipelineledger.command.audit;

/** How an event's hash came to be: with the event, or later by the migration that chained an older store. */
public enum ChainedBy {
    /** Written in the transaction that appended the event. */
    APPEND,
    /** Written once by the migration that chained the events stored before the chain existed (V20). */
    MIGRATION
}
