package org.pipelineledger.pipeline;

/**
 * What a deal must have before it may enter a stage.
 *
 * @param amountAboveZero the deal's amount must be greater than zero
 * @param closeDate       the deal must have an expected close date
 * @param nextStep        the deal must have a next step set
 */
public record EntryCriteria(boolean amountAboveZero, boolean closeDate, boolean nextStep) {

    public static final EntryCriteria NONE = new EntryCriteria(false, false, false);

    public boolean isEmpty() {
        return !amountAboveZero && !closeDate && !nextStep;
    }
}
