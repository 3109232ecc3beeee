package org.pipelineledger.events;

/** Why a deal moved backward. A backward move is healthy when it reflects reality; it always needs one of these. */
public enum ReversionReason {
    CHANGING_NEEDS,
    NEW_DECISION_MAKER,
    BUDGET,
    MAJOR_OBJECTION,
    LOSS_OF_MOMENTUM,
    PREMATURE_ADVANCE,
    OTHER
}
