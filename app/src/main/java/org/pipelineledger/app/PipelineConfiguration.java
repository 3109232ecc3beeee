package org.pipelineledger.app;

import java.util.List;
import java.util.Map;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.EntryCriteria;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pipelines come from configuration ({@code ledger.pipelines.<key>...}); without any, the ledger runs the
 * built-in {@code default} pipeline. Configuring {@code default} replaces the built-in one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PipelineConfiguration.PipelineProperties.class)
class PipelineConfiguration {

    @Bean
    PipelineCatalog pipelineCatalog(PipelineProperties properties) {
        Map<String, PipelineDefinition> byKey = new java.util.LinkedHashMap<>();
        byKey.put(PipelineCatalog.DEFAULT_PIPELINE, PipelineDefinition.defaultPipeline());
        properties.pipelines().forEach((key, pipeline) -> byKey.put(key, pipeline.toDefinition(key)));
        return new PipelineCatalog(byKey.values());
    }

    @ConfigurationProperties("ledger")
    record PipelineProperties(Map<String, Pipeline> pipelines) {
        PipelineProperties {
            pipelines = pipelines == null ? Map.of() : pipelines;
        }
    }

    record Pipeline(String displayName, String currency, List<Stage> stages) {
        PipelineDefinition toDefinition(String key) {
            if (stages == null || stages.isEmpty()) {
                throw new IllegalArgumentException("ledger.pipelines." + key + ".stages must list at least one stage");
            }
            return new PipelineDefinition(key, displayName, currency,
                    stages.stream().map(Stage::toDefinition).toList());
        }
    }

    /** Stages are listed in pipeline order. */
    record Stage(String key, String displayName, Criteria entryCriteria) {
        StageDefinition toDefinition() {
            return new StageDefinition(StageKey.of(key), displayName,
                    entryCriteria == null ? EntryCriteria.NONE : entryCriteria.toDefinition());
        }
    }

    record Criteria(boolean amountAboveZero, boolean closeDate, boolean nextStep) {
        EntryCriteria toDefinition() {
            return new EntryCriteria(amountAboveZero, closeDate, nextStep);
        }
    }
}
