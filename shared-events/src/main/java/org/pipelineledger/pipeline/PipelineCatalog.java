package org.pipelineledger.pipeline;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/** All pipelines the ledger knows, by key. {@code default} is always there unless configuration replaces it. */
public final class PipelineCatalog {

    public static final String DEFAULT_PIPELINE = "default";

    private final Map<String, PipelineDefinition> pipelines = new LinkedHashMap<>();

    public PipelineCatalog(Collection<PipelineDefinition> definitions) {
        for (PipelineDefinition definition : definitions) {
            if (pipelines.put(definition.key(), definition) != null) {
                throw new IllegalArgumentException("pipeline " + definition.key() + " is defined twice");
            }
        }
        if (pipelines.isEmpty()) {
            throw new IllegalArgumentException("at least one pipeline must be defined");
        }
    }

    public static PipelineCatalog withDefaultPipeline() {
        return new PipelineCatalog(List.of(PipelineDefinition.defaultPipeline()));
    }

    public Optional<PipelineDefinition> find(String key) {
        return Optional.ofNullable(pipelines.get(key));
    }

    /** The pipeline with this key, or a 400-class problem naming the pipelines that exist. */
    public PipelineDefinition require(String key) {
        return find(key).orElseThrow(() -> new LedgerException(ProblemCode.UNKNOWN_PIPELINE,
                "unknown pipeline '" + key + "'; known pipelines: " + pipelines.keySet()));
    }

    public Collection<PipelineDefinition> all() {
        return pipelines.values();
    }
}
