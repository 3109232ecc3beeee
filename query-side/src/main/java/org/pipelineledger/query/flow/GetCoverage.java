package org.pipelineledger.query.flow;

import org.pipelineledger.events.TargetSet;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * Asks for the open value against the targets of a period. Answered with {@link CoverageReport}.
 *
 * @param pipeline the pipeline's key, null for {@code default}
 * @param period   the quarter or month
 * @param owner    only this owner; at most one of owner and team (400 {@code INVALID_PARAMETER})
 * @param team     only this team
 */
public record GetCoverage(String pipeline, TargetSet.Period period, String owner, String team) {

    public GetCoverage {
        owner = owner == null || owner.isBlank() ? null : owner;
        team = team == null || team.isBlank() ? null : team;
        if (owner != null && team != null) {
            throw new LedgerException(ProblemCode.INVALID_PARAMETER, "ask for an owner or a team, not both");
        }
    }
}
