package org.pipelineledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pipelineledger.bench.runner.Runner;

/**
 * CI's smoke test of the harness: every scenario in quick mode (tiny sizes, one run per variant, each in its own
 * JVM) runs end to end against the real application without errors and reports its metrics. No timing is asserted.
 * V0 differs from T only in command-line overrides, so it runs in one scenario (replay, which shows the processors
 * it ran) to keep the test short: every application start costs seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchmarkSmokeTest {

    private Runner.Report report;

    @BeforeAll
    void runEveryScenarioInQuickMode() throws Exception {
        report = Runner.run("all", BenchArgs.parse("--quick", "--variants", "RAW,T", "--variants-replay", "RAW,V0,T",
                "--results", Path.of("target", "smoke-results").toString()));
    }

    @Test
    void everyRunOfEveryScenarioFinishesWithoutErrors() {
        report.runs().forEach((caseId, byVariant) -> byVariant.forEach((variant, runs) -> runs.forEach(run ->
                assertThat(run.errors()).as("%s %s: %s", caseId, variant, run.info()).isZero())));
    }

    @Test
    void commandsAreMeasuredForTheLedgerAndForPlainJdbc() {
        for (Variant variant : List.of(Variant.RAW, Variant.T)) {
            assertThat(report.median("commands.t2", variant, "cmds_per_s")).as(variant.name()).isPositive();
            assertThat(report.median("commands.t2", variant, "p99_ms")).as(variant.name()).isNotNull();
        }
        assertThat(report.median("commands.t2", Variant.RAW, "batched_rows_per_s")).isPositive();
        // the ledger also reports how far its read models lagged and the rate once they had caught up
        assertThat(report.median("commands.t2", Variant.T, "backlog_at_end")).isNotNull();
        assertThat(report.median("commands.t2", Variant.T, "cmds_per_s_until_projected")).isPositive()
                .isLessThanOrEqualTo(report.median("commands.t2", Variant.T, "cmds_per_s"));
    }

    @Test
    void replayRebuildsEveryProjectionAndTheBoardAnswersAgain() {
        for (Variant variant : List.of(Variant.RAW, Variant.V0, Variant.T)) {
            assertThat(report.median("replay.1k-events", variant, "events_per_s")).as(variant.name()).isPositive();
        }
        assertThat(report.median("replay.1k-events", Variant.T, "board_s")).isPositive();
        assertThat(report.median("replay.1k-events", Variant.V0, "board_s")).isPositive();
    }

    @Test
    void queriesAnswerTheBoardTheReportAndAHistory() {
        for (String metric : List.of("board_p99_ms", "report_p99_ms", "history_p99_ms")) {
            assertThat(report.median("queries.100-deals", Variant.T, metric)).as(metric).isPositive();
        }
    }

    @Test
    void httpLoadIsMeasuredAtAFixedRateAndAtSaturation() {
        assertThat(report.median("http", Variant.T, "fixed_rps")).isPositive();
        assertThat(report.median("http", Variant.T, "sat_rps")).isPositive();
        // the load process read the app's read-model status before and after saturation
        assertThat(report.median("http", Variant.T, "sat_backlog_at_end")).isNotNull();
        assertThat(report.median("http", Variant.T, "sat_rps_until_projected")).isPositive()
                .isLessThanOrEqualTo(report.median("http", Variant.T, "sat_rps"));
    }

    @Test
    void startupIsMeasuredToReadyToTheFirstCommandAndForMemory() {
        assertThat(report.median("startup", Variant.T, "ready_s")).isPositive();
        assertThat(report.median("startup", Variant.T, "first_command_s")).isPositive();
        assertThat(report.median("startup", Variant.T, "peak_rss_mb")).isPositive();
    }

    @Test
    void startupFromThePackagedJarIsMeasuredWithAndWithoutTheClassDataArchive() {
        for (String metric : List.of("jar_ready_s", "cds_ready_s", "cds_first_command_s", "cds_vs_jar_ready")) {
            assertThat(report.median("startup.cds", Variant.T, metric)).as(metric).isPositive();
        }
    }

    @Test
    void theWebApplicationIsMeasuredInChromium() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium"))
                || "required".equals(System.getenv("LEDGER_BROWSER_TESTS")), "no Chromium here");
        for (String metric : List.of("board_usable_p50_ms", "first_paint_p50_ms", "live_p50_ms", "basic_rps",
                "session_rps", "session_vs_basic_rps")) {
            assertThat(report.median("browser.100-deals", Variant.T, metric)).as(metric).isPositive();
        }
    }

    @Test
    void theCrmSampleIsImportedAndTheMetricsAnswerEveryGrouping() {
        for (String metric : List.of("import_rows_per_s", "import_until_projected_s", "heap_peak_used_mb")) {
            assertThat(report.median("analytics.import", Variant.T, metric)).as(metric).isPositive();
        }
        for (String query : List.of("total", "owner", "team", "region", "product", "account", "month")) {
            assertThat(report.median("analytics.metrics.100-deals", Variant.T, "metrics_" + query + "_p99_ms"))
                    .as(query).isPositive();
        }
        for (String query : List.of("conversion", "waterfall", "coverage")) {
            assertThat(report.median("analytics.metrics.100-deals", Variant.T, query + "_p99_ms")).as(query)
                    .isPositive();
        }
    }

    @Test
    void theV0VariantReallyRunsAxonsDefaults() {
        Map<Variant, List<ChildResult>> replay = report.runs().get("replay.1k-events");
        assertThat(String.valueOf(replay.get(Variant.V0).get(0).info().get("processors")))
                .contains("board=TrackingEventProcessor", "eventStore=AxonsEventStore", "ids=DefaultIdentifierFactory",
                        "targets=AnnotationCommandTargetResolver")
                .doesNotContain("Pooled", "projections=");
        assertThat(String.valueOf(replay.get(Variant.T).get(0).info().get("processors")))
                .contains("projections=PooledStreamingEventProcessor maxCapacity=32767 segments=1",
                        "eventStore=PollingEventStore", "ids=TimeOrderedIdentifierFactory",
                        "targets=OpportunityTargetResolver")
                .doesNotContain("TrackingEventProcessor");
    }
}
