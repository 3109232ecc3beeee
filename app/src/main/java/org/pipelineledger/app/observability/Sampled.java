package org.pipelineledger.app.observability;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database at most once per {@code maxAge}: a scrape reads several gauges computed from one
 * query, and they should neither repeat it nor disagree with each other. A read that fails is not repeated within
 * {@code maxAge} either (a database that is down should not be asked once per gauge); the gauges show the fallback
 * made from the last value until a read succeeds.
 */
final class Sampled<T> {

    private static final Logger log = LoggerFactory.getLogger(Sampled.class);

    private final Supplier<T> read;
    private final UnaryOperator<T> onFailure;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private T value;
    private long readAt;
    private boolean present;

    /**
     * @param read      the query
     * @param onFailure what to show when it fails, made from the last value read (null before the first)
     */
    Sampled(Supplier<T> read, UnaryOperator<T> onFailure, Duration maxAge, LongSupplier nanoTime) {
        this.read = read;
        this.onFailure = onFailure;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    synchronized T get() {
        long now = nanoTime.getAsLong();
        if (!present || now - readAt >= maxAgeNanos) {
            try {
                value = read.get();
            } catch (RuntimeException failure) {
                log.warn("Could not read the figures for the metrics: {}", failure.toString());
                value = onFailure.apply(value);
            }
            readAt = now;
            present = true;
        }
        return value;
    }
}
