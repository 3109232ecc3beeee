package org.pipelineledger.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Variant;

class SummaryTest {

    private final Case testCase = new Case("commands.t1", "commands", "test", List.of(Variant.RAW, Variant.V0, Variant.T),
            (variant, dir) -> new ChildResult());

    @Test
    void theMedianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
        Summary summary = new Summary(testCase);
        for (double value : new double[] {40, 10, 30, 20}) {
            summary.add(Variant.T, new ChildResult().metric("cmds_per_s", value));
        }
        Summary.Stats stats = summary.stats(Variant.T, "cmds_per_s");
        assertThat(stats.median()).isEqualTo(25);
        assertThat(stats.min()).isEqualTo(10);
        assertThat(stats.max()).isEqualTo(40);
    }

    @Test
    void ratiosAreTakenBetweenMediansAndIgnoreFailedRuns() {
        Summary summary = new Summary(testCase);
        summary.add(Variant.T, new ChildResult().metric("cmds_per_s", 300));
        summary.add(Variant.V0, new ChildResult().metric("cmds_per_s", 100));
        summary.add(Variant.V0, new ChildResult().metric("cmds_per_s", 1).error("crashed"));
        summary.add(Variant.RAW, new ChildResult().metric("cmds_per_s", 600));
        assertThat(summary.ratio("cmds_per_s", Variant.T, Variant.V0)).isEqualTo(3.0);
        assertThat(summary.ratio("cmds_per_s", Variant.T, Variant.RAW)).isEqualTo(0.5);
        assertThat(summary.failedRuns()).isEqualTo(1);
        assertThat(summary.markdown()).contains("| cmds_per_s |").contains("| 3.00 |").contains("| 0.50 |");
    }
}
