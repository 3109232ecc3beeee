package org.pipelineledger.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Latency histograms in nanoseconds (up to one minute, three significant digits), reported in milliseconds. */
public final class Latency {

    private Latency() {
    }

    public static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    }

    public static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(Math.max(nanos, 0), histogram.getHighestTrackableValue()));
    }

    public static void report(ChildResult result, String prefix, Histogram histogram) {
        result.metric(prefix + "p50_ms", histogram.getValueAtPercentile(50) / 1e6);
        result.metric(prefix + "p99_ms", histogram.getValueAtPercentile(99) / 1e6);
        result.info(prefix + "max_ms", histogram.getMaxValue() / 1e6);
        result.info(prefix + "samples", histogram.getTotalCount());
    }
}
