package org.pipelineledger.app;

import java.util.List;
import java.util.Map;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.EntryCriteria;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(PipelineConfiguration.class);

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
                    stages.stream().map(stage -> stage.toDefinition(key)).toList());
        }
    }

    /** Stages are listed in pipeline order. */
    record Stage(String key, String displayName, Criteria entryCriteria) {
        StageDefinition toDefinition(String pipeline) {
            if (entryCriteria != null && entryCriteria.closeDate() != null) {
                log.warn("ledger.pipelines.{}.stages ({}): entry-criteria.close-date is deprecated and ignored; every"
                        + " deal has a close date from its creation on. Remove the setting.", pipeline, key);
            }
            return new StageDefinition(StageKey.of(key), displayName,
                    entryCriteria == null ? EntryCriteria.NONE : entryCriteria.toDefinition());
        }
    }

    /** {@code closeDate} is read only to warn that it is ignored, so that existing configuration keeps loading. */
    record Criteria(boolean amountAboveZero, Boolean closeDate, boolean nextStep) {
        EntryCriteria toDefinition() {
            return new EntryCriteria(amountAboveZero, nextStep);
        }
    }
}
