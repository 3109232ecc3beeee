package org.pipelineledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.EntryCriteria;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PipelineConfigurationTest {

    private static PipelineCatalog catalog(Map<String, String> properties) {
        PipelineConfiguration.PipelineProperties bound = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ledger", PipelineConfiguration.PipelineProperties.class);
        return new PipelineConfiguration().pipelineCatalog(bound);
    }

    @Test
    void configuredEntryCriteriaGuardTheirStage(CapturedOutput output) {
        PipelineCatalog catalog = catalog(Map.of(
                "ledger.pipelines.sales.stages[0].key", "LEAD",
                "ledger.pipelines.sales.stages[1].key", "CONTRACT",
                "ledger.pipelines.sales.stages[1].entry-criteria.amount-above-zero", "true",
                "ledger.pipelines.sales.stages[1].entry-criteria.next-step", "true"));

        assertThat(catalog.require("sales").stage(StageKey.of("CONTRACT")).orElseThrow().entryCriteria())
                .isEqualTo(new EntryCriteria(true, true));
        assertThat(output).doesNotContain("deprecated");
    }

    /** Every deal has a close date, so the criterion could never refuse; configuration that names it still loads. */
    @Test
    void theRetiredCloseDateCriterionStillLoadsWithAWarning(CapturedOutput output) {
        PipelineCatalog catalog = catalog(Map.of(
                "ledger.pipelines.sales.stages[0].key", "LEAD",
                "ledger.pipelines.sales.stages[0].entry-criteria.close-date", "true",
                "ledger.pipelines.sales.stages[0].entry-criteria.amount-above-zero", "true"));

        assertThat(catalog.require("sales").firstStage().entryCriteria()).isEqualTo(new EntryCriteria(true, false));
        assertThat(output).contains("ledger.pipelines.sales.stages (LEAD): entry-criteria.close-date is deprecated"
                + " and ignored");
    }
}
