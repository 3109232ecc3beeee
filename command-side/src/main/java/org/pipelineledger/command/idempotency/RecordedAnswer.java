package org.pipelineledger.command.idempotency;

/**
 * The answer a command sent under an idempotency key was given when it was accepted, and is given again to every
 * repetition of that request.
 *
 * @param opportunityId the deal the command was for (for a creation without an id, the one it was given)
 * @param version       the deal's version right after the command
 */
public record RecordedAnswer(String opportunityId, long version) {
}
