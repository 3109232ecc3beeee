package org.pipelineledger.pipeline;

import java.util.Objects;
import org.pipelineledger.events.StageKey;

/** One stage of a pipeline: a stable key, what people call it, and what a deal needs to enter it. */
public record StageDefinition(StageKey key, String displayName, EntryCriteria entryCriteria) {

    public StageDefinition {
        Objects.requireNonNull(key, "stage key");
        displayName = displayName == null || displayName.isBlank() ? key.value() : displayName;
        entryCriteria = entryCriteria == null ? EntryCriteria.NONE : entryCriteria;
    }
}
