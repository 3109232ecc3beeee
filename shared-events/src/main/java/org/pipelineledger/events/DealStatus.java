package org.pipelineledger.events;

/** Whether a deal is still in the pipeline or has left it as won or lost. */
public enum DealStatus {
    OPEN, WON, LOST;

    public boolean isClosed() {
        return this != OPEN;
    }
}
