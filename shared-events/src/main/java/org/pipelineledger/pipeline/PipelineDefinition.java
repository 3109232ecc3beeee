package org.pipelineledger.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pipelineledger.events.StageKey;

/**
 * A named pipeline: its stages in order and the currency its amounts are in. Stage order and entry criteria
 * come from here, never from {@code if} chains in the aggregate.
 */
public record PipelineDefinition(String key, String displayName, String currency, List<StageDefinition> stages) {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public PipelineDefinition {
        Objects.requireNonNull(key, "pipeline key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("pipeline key must be lower case letters, digits and '-': " + key);
        }
        displayName = displayName == null || displayName.isBlank() ? key : displayName;
        currency = currency == null || currency.isBlank() ? "USD" : currency;
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("pipeline " + key + " has no stages");
        }
        Map<StageKey, Boolean> seen = new HashMap<>();
        for (StageDefinition stage : stages) {
            if (seen.put(stage.key(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException("pipeline " + key + " lists stage " + stage.key() + " twice");
            }
        }
    }

    public Optional<StageDefinition> stage(StageKey stageKey) {
        return stages.stream().filter(s -> s.key().equals(stageKey)).findFirst();
    }

    public boolean contains(StageKey stageKey) {
        return stage(stageKey).isPresent();
    }

    /** Zero-based position of the stage; throws for a stage this pipeline does not have. */
    public int positionOf(StageKey stageKey) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).key().equals(stageKey)) {
                return i;
            }
        }
        throw new IllegalArgumentException("pipeline " + key + " has no stage " + stageKey);
    }

    public boolean isBefore(StageKey earlier, StageKey later) {
        return positionOf(earlier) < positionOf(later);
    }

    public StageDefinition firstStage() {
        return stages.get(0);
    }

    /** The default pipeline: PROSPECTING, QUALIFIED, DISCOVERY, PROPOSAL, NEGOTIATION; PROPOSAL and later need an amount. */
    public static PipelineDefinition defaultPipeline() {
        EntryCriteria quoted = new EntryCriteria(true, false);
        return new PipelineDefinition("default", "Default sales pipeline", "USD", List.of(
                new StageDefinition(StageKey.of("PROSPECTING"), "Prospecting", EntryCriteria.NONE),
                new StageDefinition(StageKey.of("QUALIFIED"), "Qualified", EntryCriteria.NONE),
                new StageDefinition(StageKey.of("DISCOVERY"), "Discovery", EntryCriteria.NONE),
                new StageDefinition(StageKey.of("PROPOSAL"), "Proposal", quoted),
                new StageDefinition(StageKey.of("NEGOTIATION"), "Negotiation", quoted)));
    }
}
