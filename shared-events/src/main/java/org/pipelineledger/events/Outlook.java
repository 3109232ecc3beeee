package org.pipelineledger.events;

/** The owner's read of how likely the deal is to close as forecast. */
public enum Outlook {
    POSITIVE, NEUTRAL, CAUTIOUS, NEGATIVE
}
