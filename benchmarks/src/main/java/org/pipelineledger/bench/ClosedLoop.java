package org.pipelineledger.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** One GET sent over and over by a few client threads, each waiting for its answer: the rate and its latency. */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    /**
     * {@code warmups} GETs, then {@code requests} over {@code threads} connections; reports {@code <prefix>rps} and the
     * latency, and an error when any answer was not a 200.
     */
    public static void measure(ChildResult result, String prefix, HttpClient client, URI uri, String authorization,
                               int warmups, int requests, int threads) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        for (int i = 0; i < warmups; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        Histogram latency = new ConcurrentHistogram(Latency.histogram().getHighestTrackableValue(), 3);
        AtomicLong left = new AtomicLong(requests);
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    long sent = System.nanoTime();
                    try {
                        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    Latency.record(latency, System.nanoTime() - sent);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        result.metric(prefix + "rps", requests / seconds);
        Latency.report(result, prefix, latency);
        if (failed.get() > 0) {
            result.error(prefix + failed.get() + " of " + requests + " requests failed");
        }
    }
}
