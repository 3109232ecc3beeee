package org.pipelineledger.command.idempotency;

/**
 * Another request with the same user's key was accepted, or is being handled, while this one was: thrown from the
 * command's unit of work, which it rolls back, events and all.
 */
final class IdempotencyKeyTaken extends RuntimeException {

    IdempotencyKeyTaken(String key, Throwable cause) {
        super("idempotency key '" + key + "' was taken by another request", cause);
    }
}
