package org.pipelineledger.command.imports;

/**
 * Every rule that reports a row, with what it does to the row: a warning imports the row as described, a rejection
 * imports nothing of it. docs/import.md describes each with the sample dataset's counts.
 */
public enum Rule {
    // rejections
    MALFORMED_ROW(Action.REJECTED),
    INVALID_ID(Action.REJECTED),
    REPEATED_ID(Action.REJECTED),
    NO_OWNER(Action.REJECTED),
    UNKNOWN_DEAL_STAGE(Action.REJECTED),
    INVALID_DATE(Action.REJECTED),
    CLOSE_DATE_MISSING(Action.REJECTED),
    ENGAGE_DATE_MISSING(Action.REJECTED),
    CLOSE_BEFORE_ENGAGE(Action.REJECTED),
    INVALID_VALUE(Action.REJECTED),
    REFUSED_BY_LEDGER(Action.REJECTED),
    // warnings
    NO_ENGAGE_DATE(Action.IMPORTED_WITH_WARNING),
    EXPECTED_CLOSE_ASSUMED(Action.IMPORTED_WITH_WARNING),
    LIST_PRICE_USED(Action.IMPORTED_WITH_WARNING),
    NO_VALUE(Action.IMPORTED_WITH_WARNING),
    PRODUCT_SPELLING(Action.IMPORTED_WITH_WARNING),
    UNKNOWN_PRODUCT(Action.IMPORTED_WITH_WARNING),
    NO_PRODUCT(Action.IMPORTED_WITH_WARNING),
    NO_ACCOUNT(Action.IMPORTED_WITH_WARNING),
    UNKNOWN_ACCOUNT(Action.IMPORTED_WITH_WARNING),
    UNKNOWN_AGENT(Action.IMPORTED_WITH_WARNING);

    /** What happened to a row a rule reported. */
    public enum Action {
        IMPORTED_WITH_WARNING,
        REJECTED
    }

    private final Action action;

    Rule(Action action) {
        this.action = action;
    }

    public Action action() {
        return action;
    }
}
