package org.pipelineledger.command.web;

/**
 * The answer to every accepted command.
 *
 * @param id      the deal's id
 * @param version the deal's version after the change (the sequence number of its last event; 0 after creation);
 *                send it back as {@code expectedVersion} to refuse acting on a view that has gone stale
 */
public record CommandAccepted(String id, long version) {
}
