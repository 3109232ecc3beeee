package org.pipelineledger.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.H2Mode;
import org.pipelineledger.bench.Variant;
import org.pipelineledger.bench.ledger.LedgerVariants;

/** The TB variant: T with one tuning step undone, measured in the same run as T. */
class TuningStepTest {

    @AfterEach
    void forgetTheOverrides() {
        System.clearProperty(LedgerVariants.TB_PROPERTY);
    }

    @Test
    void tbWithoutTheStepItUndoesIsRefused() {
        assertThatThrownBy(() -> Settings.tbOverrides(BenchArgs.parse("commands"), EnumSet.of(Variant.TB, Variant.T)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tb=");
    }

    @Test
    void tbIsTheTunedApplicationWithTheGivenPropertiesOnTop() {
        String overrides = Settings.tbOverrides(
                BenchArgs.parse("commands", "--tb=--axon.eventhandling.processors.projections.initial-segment-count=16 --ledger.commands.aggregate-cache-size=0"),
                EnumSet.of(Variant.TB, Variant.T));

        assertThat(overrides).isEqualTo("--axon.eventhandling.processors.projections.initial-segment-count=16 --ledger.commands.aggregate-cache-size=0");
        List<String> tb = LedgerVariants.arguments(Variant.TB, H2Mode.FILE);
        List<String> t = LedgerVariants.arguments(Variant.T, H2Mode.FILE);
        assertThat(tb).containsAll(t)
                .contains("--axon.eventhandling.processors.projections.initial-segment-count=16", "--ledger.commands.aggregate-cache-size=0")
                .hasSize(t.size() + 2);
    }

    @Test
    void theReportComparesTWithTb() {
        Case testCase = new Case("replay", "replay", "test", List.of(Variant.TB, Variant.T),
                (variant, dir) -> new ChildResult());
        Summary summary = new Summary(testCase);
        summary.add(Variant.TB, new ChildResult().metric("events_per_s", 1000));
        summary.add(Variant.T, new ChildResult().metric("events_per_s", 1500));

        assertThat(summary.ratio("events_per_s", Variant.T, Variant.TB)).isEqualTo(1.5);
        assertThat(summary.markdown()).contains("| T/TB |").contains("| 1.50 |").doesNotContain("T/V0");
    }
}
