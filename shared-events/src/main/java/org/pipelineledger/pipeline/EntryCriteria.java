package org.pipelineledger.pipeline;

/**
 * What a deal must have before it may enter a stage. A close date is not among them: every deal has one, from its
 * creation on (creation and a change of close date refuse a missing one).
 *
 * @param amountAboveZero the deal's amount must be greater than zero
 * @param nextStep        the deal must have a next step set
 */
public record EntryCriteria(boolean amountAboveZero, boolean nextStep) {

    public static final EntryCriteria NONE = new EntryCriteria(false, false);

    public boolean isEmpty() {
        return !amountAboveZero && !nextStep;
    }
}
