package org.pipelineledger.bench.runner;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Variant;

/** The runs of one case, per variant, reduced to median, min and max per metric, with the ratios T/TB, T/V0, T/RAW. */
final class Summary {

    /** What T is compared with, in the report's column order. */
    private static final List<Variant> BASELINES = List.of(Variant.TB, Variant.V0, Variant.RAW);

    private final Case testCase;
    private final Map<Variant, List<ChildResult>> runs = new EnumMap<>(Variant.class);

    Summary(Case testCase) {
        this.testCase = testCase;
    }

    void add(Variant variant, ChildResult result) {
        runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
    }

    Case testCase() {
        return testCase;
    }

    Map<Variant, List<ChildResult>> runs() {
        return runs;
    }

    long failedRuns() {
        return runs.values().stream().flatMap(List::stream).filter(r -> r.errors() > 0).count();
    }

    Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        runs.values().forEach(results -> results.forEach(r -> names.addAll(r.metrics().keySet())));
        return names;
    }

    /** Median, min and max of a metric over the runs without errors, or null when no such run reported it. */
    Stats stats(Variant variant, String metric) {
        List<Double> values = runs.getOrDefault(variant, List.of()).stream()
                .filter(r -> r.errors() == 0)
                .map(r -> r.metrics().get(metric))
                .filter(v -> v != null && !v.isNaN())
                .sorted().toList();
        return values.isEmpty() ? null : Stats.of(values);
    }

    Double ratio(String metric, Variant numerator, Variant denominator) {
        Stats top = stats(numerator, metric);
        Stats bottom = stats(denominator, metric);
        return top == null || bottom == null || bottom.median() == 0 ? null : top.median() / bottom.median();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(testCase.id()).append("\n\n").append(testCase.description()).append("\n\n");
        List<Variant> variants = testCase.variants();
        List<Variant> baselines = variants.contains(Variant.T)
                ? BASELINES.stream().filter(variants::contains).toList() : List.of();
        md.append("| metric |");
        variants.forEach(v -> md.append(' ').append(v).append(" median (min–max) |"));
        baselines.forEach(b -> md.append(" T/").append(b).append(" |"));
        md.append("\n|---|").append("---:|".repeat(variants.size() + baselines.size())).append('\n');
        for (String metric : metricNames()) {
            md.append("| ").append(metric).append(" |");
            for (Variant variant : variants) {
                Stats stats = stats(variant, metric);
                md.append(' ').append(stats == null ? "–" : stats.format()).append(" |");
            }
            baselines.forEach(b -> md.append(' ').append(formatRatio(ratio(metric, Variant.T, b))).append(" |"));
            md.append('\n');
        }
        md.append('\n');
        runs.forEach((variant, results) -> {
            long failed = results.stream().filter(r -> r.errors() > 0).count();
            md.append(String.format("%s: %d run(s), %d failed", variant, results.size(), failed));
            results.stream().filter(r -> r.errors() > 0).findFirst()
                    .ifPresent(r -> md.append(" — first failure: ").append(oneLine(r.info())));
            Object processors = results.isEmpty() ? null : results.get(0).info().get("processors");
            if (processors != null) {
                md.append(" — processors: ").append(processors);
            }
            md.append("  \n");
        });
        return md.append('\n').toString();
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("case", testCase.id());
        json.put("scenario", testCase.scenario());
        json.put("description", testCase.description());
        Map<String, Object> byMetric = new LinkedHashMap<>();
        for (String metric : metricNames()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Variant variant : testCase.variants()) {
                Stats stats = stats(variant, metric);
                if (stats != null) {
                    row.put(variant.name(), stats);
                }
            }
            BASELINES.forEach(b -> row.put("T/" + b, ratio(metric, Variant.T, b)));
            byMetric.put(metric, row);
        }
        json.put("metrics", byMetric);
        Map<String, Object> perRun = new LinkedHashMap<>();
        runs.forEach((variant, results) -> perRun.put(variant.name(), results));
        json.put("runs", perRun);
        return json;
    }

    private static String formatRatio(Double ratio) {
        return ratio == null ? "–" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String oneLine(Object value) {
        String text = String.valueOf(value).replace('\n', ' ').replace('|', '/');
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    /** Median (mean of the middle two for an even count), min and max of sorted values. */
    record Stats(double median, double min, double max, int n) {

        static Stats of(List<Double> sorted) {
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
        }

        String format() {
            return n == 1 ? number(median) : number(median) + " (" + number(min) + "–" + number(max) + ")";
        }

        private static String number(double value) {
            double abs = Math.abs(value);
            if (abs >= 100) {
                return String.format(Locale.ROOT, "%,.0f", value);
            }
            if (abs >= 10) {
                return String.format(Locale.ROOT, "%.1f", value);
            }
            return String.format(Locale.ROOT, "%.2f", value);
        }
    }
}
