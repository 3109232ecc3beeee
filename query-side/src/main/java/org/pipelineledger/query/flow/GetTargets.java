package org.pipelineledger.query.flow;

import org.pipelineledger.events.TargetSet;

/** Asks for the targets of a pipeline's period. Answered with {@link TargetList}. */
public record GetTargets(String pipeline, TargetSet.Period period) {
}
