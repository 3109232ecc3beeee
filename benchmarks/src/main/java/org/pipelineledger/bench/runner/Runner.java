package org.pipelineledger.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Variant;

/**
 * Plans the cases of a scenario, runs each case's variants in alternating order (RAW V0 T RAW V0 T ...) so that
 * drift in the machine's state spreads over all variants, and writes the Markdown and JSON report.
 */
public final class Runner {

    private Runner() {
    }

    /** What a finished invocation produced. */
    public record Report(List<Summary> summaries) {
        public long failedRuns() {
            return summaries.stream().mapToLong(Summary::failedRuns).sum();
        }

        /** Median of a metric for a variant in a case, or null: for the smoke test and for tooling. */
        public Double median(String caseId, Variant variant, String metric) {
            return summaries.stream().filter(s -> s.testCase().id().equals(caseId)).findFirst()
                    .map(s -> s.stats(variant, metric)).map(Summary.Stats::median).orElse(null);
        }

        /** Every run of every case, with its metrics, info and error count. */
        public Map<String, Map<Variant, List<ChildResult>>> runs() {
            Map<String, Map<Variant, List<ChildResult>>> runs = new LinkedHashMap<>();
            summaries.forEach(s -> runs.put(s.testCase().id(), s.runs()));
            return runs;
        }
    }

    /** {@code Runner <scenario|all> [options]}, the options in docs/benchmarks.md; exits with 1 if a run failed. */
    public static void main(String[] argv) throws Exception {
        BenchArgs args = BenchArgs.parse(argv);
        if (args.positional().isEmpty()) {
            System.err.println("usage: Runner <" + String.join("|", Scenarios.ALL) + "|all> [--quick] [--runs N]"
                    + " [--h2 file|mem] [--xmx 1g] [--variants RAW,V0,T] [--keep]");
            System.exit(2);
        }
        System.exit(run(args.positional().get(0), args).failedRuns() == 0 ? 0 : 1);
    }

    public static Report run(String scenario, BenchArgs args) throws Exception {
        Settings settings = Settings.from(args);
        Forks forks = new Forks(settings);
        Templates templates = new Templates(settings, forks);
        List<Case> cases = new Scenarios(settings, forks, templates).plan(scenario);
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        String loadBefore = Machine.loadAverage();
        System.out.printf("pipeline-ledger benchmarks: %s, %s mode, %d run(s) per variant, -Xmx%s %s, H2 %s, work dir %s%n",
                scenario, settings.mode(), settings.runs(), settings.xmx(), String.join(" ", settings.jvmOptions()),
                settings.h2(), settings.work());

        List<Summary> summaries = new ArrayList<>();
        try {
            for (Case testCase : cases) {
                Summary summary = new Summary(testCase);
                summaries.add(summary);
                for (int run = 1; run <= settings.runs(); run++) {
                    for (Variant variant : testCase.variants()) {
                        summary.add(variant, runOnce(settings, testCase, variant, run));
                    }
                }
            }
        } finally {
            if (!settings.keep()) {
                deleteTree(settings.work());
            }
        }
        String loadAfter = Machine.loadAverage();
        return write(settings, scenario, started, loadBefore, loadAfter, summaries, templates);
    }

    private static ChildResult runOnce(Settings settings, Case testCase, Variant variant, int run) {
        Path dir = settings.work().resolve(testCase.id()).resolve(variant + "-" + run);
        long start = System.nanoTime();
        ChildResult result;
        try {
            result = testCase.measurement().run(variant, dir);
        } catch (Exception e) {
            result = new ChildResult().error(String.valueOf(e));
        }
        System.out.printf("  %-24s %-3s run %d: %s%s (%.1f s)%n", testCase.id(), variant, run, result.metrics(),
                result.errors() > 0 ? " ERRORS " + result.errors() + " " + result.info() : "",
                (System.nanoTime() - start) / 1e9);
        if (!settings.keep()) {
            deleteTree(dir);
        }
        return result;
    }

    private static Report write(Settings settings, String scenario, ZonedDateTime started, String loadBefore,
                                String loadAfter, List<Summary> summaries, Templates templates) throws IOException {
        Map<String, Object> machine = Machine.describe();
        StringBuilder md = new StringBuilder();
        md.append("## Results: ").append(scenario).append(", ").append(settings.mode()).append(" mode\n\n");
        md.append("- Date: ").append(started.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append(" UTC\n");
        md.append("- Runs per variant: ").append(settings.runs()).append(", alternating order (ABAB), medians")
                .append(settings.runs() > 1 ? " with (min–max)" : "").append('\n');
        md.append("- Each run in its own JVM with -Xmx").append(settings.xmx())
                .append(settings.jvmOptions().isEmpty() ? "" : " " + String.join(" ", settings.jvmOptions()))
                .append("; H2 ")
                .append(settings.h2().name().toLowerCase()).append('\n');
        if (!settings.tb().isEmpty()) {
            md.append("- TB (before the tuning step) = T with `").append(settings.tb()).append("`\n");
        }
        md.append("- Machine: ").append(machine).append('\n');
        md.append("- Load average (1/5/15 min) before: ").append(loadBefore).append(", after: ").append(loadAfter)
                .append(" — counts runnable threads, the benchmark's own included;")
                .append(" the figure before shows what else was busy\n\n");
        if (settings.quick()) {
            md.append("> Quick mode: tiny sizes to check the harness end to end. These figures are not benchmarks.\n\n");
        }
        summaries.forEach(s -> md.append(s.markdown()));

        Map<String, Object> templateInfo = new LinkedHashMap<>();
        templates.reports().forEach((key, r) -> templateInfo.put(key, r.info()));
        ReportJson json = new ReportJson(scenario, settings.mode(), started.toString(), settings.runs(), settings.xmx(),
                settings.tb(), settings.jvmOptions(), settings.h2().name().toLowerCase(), machine, loadBefore, loadAfter,
                templateInfo, summaries.stream().map(Summary::json).toList());

        Files.createDirectories(settings.results());
        String stem = started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + scenario + "-" + settings.mode();
        for (String name : List.of(stem, "latest")) {
            Files.writeString(settings.results().resolve(name + ".md"), md);
            ChildResult.JSON.writeValue(settings.results().resolve(name + ".json").toFile(), json);
        }
        Path mdFile = settings.results().resolve(stem + ".md");
        Path jsonFile = settings.results().resolve(stem + ".json");
        System.out.println();
        System.out.println(md);
        System.out.println("written: " + mdFile + " and " + jsonFile);
        return new Report(summaries);
    }

    /** The JSON report: the invocation's settings and machine, the templates, and every case with its runs. */
    record ReportJson(String scenario, String mode, String date, int runs, String xmx, String tb,
                              List<String> jvmOptions, String h2, Map<String, Object> machine, String loadAverageBefore,
                              String loadAverageAfter, Map<String, Object> templates, List<Map<String, Object>> cases) {
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
