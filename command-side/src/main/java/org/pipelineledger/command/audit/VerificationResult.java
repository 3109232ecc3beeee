package org.pipelineledger.command.audit;

import java.time.Instant;
import java.util.List;

/**
 * What one verification found (docs/audit.md).
 *
 * @param ok             no problem at all
 * @param eventsChecked  stored events walked
 * @param deals          deals with stored events walked
 * @param problems       the checkpoints' and anchors' own problems (no deal) first, then one per deal: its first break
 * @param scope          what was asked for
 * @param covers         what this scope can find, and what it cannot
 * @param eventsPerSecond events walked per second, from the start of the walk to its end
 */
public record VerificationResult(boolean ok, long eventsChecked, long deals, List<AuditProblem> problems,
                                 VerificationScope scope, String covers, Instant startedAt, Instant finishedAt,
                                 double eventsPerSecond) {

    public VerificationResult {
        problems = List.copyOf(problems);
    }
}
