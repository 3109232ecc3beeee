package org.pipelineledger.command.audit;

import java.time.Instant;

/**
 * One verification job as {@code GET /api/audit/verifications/{id}} shows it.
 *
 * @param eventsChecked   events walked so far (the result's own count once DONE)
 * @param eventsTotal     the events the scope covered when the job started, counted then; events appended since
 *                        are walked too, so {@code eventsChecked} may end a little above it
 * @param eventsPerSecond events walked per second so far
 * @param secondsLeft     while RUNNING, the events left at the rate so far; null before the rate is known and after
 * @param error           why a FAILED job stopped
 * @param result          the result, once DONE
 */
public record VerificationJob(String id, VerificationStatus status, VerificationScope scope, long eventsChecked,
                              long eventsTotal, double eventsPerSecond, Long secondsLeft, Instant startedAt,
                              Instant finishedAt, String error, VerificationResult result) {
}
