package org.pipelineledger.bench.http;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.pipelineledger.bench.BacklogSampler;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Latency;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.Poll;
import org.pipelineledger.bench.commands.ClientPhase;
import org.pipelineledger.bench.commands.CommandMix;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * The HTTP load process, in its own JVM next to the running app: the command mix at a fixed offered rate, open loop,
 * latency from each request's intended start (no coordinated omission), then at saturation over
 * {@code --concurrency} connections, each phase after the read models caught up. 409 is a conflict, any other
 * non-2xx an error.
 */
public final class LoadGenerator {

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals");
        int concurrency = args.integer("concurrency");
        ExecutorService io = Executors.newFixedThreadPool(Math.max(concurrency, 8));
        LedgerHttp http = new LedgerHttp(args.required("url"), io);

        ClientPhase.Result creation = ClientPhase.create(8, deals, deal -> expect2xx(http, CommandMix.httpCreate(deal)));
        if (creation.errors() + creation.conflicts() > 0) {
            result.error("creating deals failed: " + creation.errors() + " errors, " + creation.conflicts()
                    + " conflicts of " + deals + ": " + creation.errorSamples());
        }
        AtomicLongArray counters = new AtomicLongArray(deals);
        ClientPhase.Sender command = (deal, n) -> expect2xx(http, CommandMix.http(deal, n));
        ClientPhase.Result warm = ClientPhase.run(concurrency, args.longValue("warmup"), deals, counters, 11, command);
        warm.reportErrors(result, "warmup");
        // each measured phase starts with the read models caught up, so it is not charged for projecting what came
        // before it (as the in-process commands scenario does)
        catchUp(result::info, result, http, "warmup_");

        fixedRate(result, http, deals, counters, args.integer("rate"), args.integer("seconds"));
        catchUp(result::info, result, http, "fixed_");

        ClientPhase.Result saturation;
        try (BacklogSampler sampler = BacklogSampler.every(args.longValue("backlog-every-ms"),
                () -> http.readModels().backlog())) {
            saturation = ClientPhase.run(concurrency, args.longValue("saturation-requests"), deals, counters, 13, command);
            result.info("backlog_by_sample", sampler.samples());
        }
        result.metric("sat_rps", saturation.perSecond());
        // the rate the read models kept up with: the saturation phase plus the time to project what it left behind
        OptionalDouble satCatchUp = catchUp(result::metric, result, http, "sat_");
        if (satCatchUp.isPresent()) {
            result.metric("sat_rps_until_projected",
                    saturation.accepted() / (saturation.seconds() + satCatchUp.getAsDouble()));
        }
        Latency.report(result, "sat_", saturation.latency());
        result.metric("conflicts", result.metrics().getOrDefault("conflicts", 0.0) + saturation.conflicts());
        saturation.reportErrors(result, "sat");
        result.info("concurrency", concurrency);
        io.shutdownNow();
    }

    /**
     * Records through {@code record} how far behind the read models are ({@code <phase>backlog_at_end}, events) and
     * how long they take to catch up ({@code <phase>catch_up_s}); an error if they have not within 10 minutes.
     */
    private static OptionalDouble catchUp(BiConsumer<String, Double> record, ChildResult result, LedgerHttp http,
                                          String phase) throws Exception {
        http.readModels().backlog().ifPresent(backlog -> record.accept(phase + "backlog_at_end", (double) backlog));
        OptionalDouble seconds = Poll.seconds(Duration.ofMinutes(10), Duration.ofMillis(20),
                () -> http.readModels().upToDate());
        if (seconds.isPresent()) {
            record.accept(phase + "catch_up_s", seconds.getAsDouble());
        } else {
            result.error("the read models were not up to date 10 minutes after the " + phase + "phase");
        }
        return seconds;
    }

    private static void fixedRate(ChildResult result, LedgerHttp http, int deals, AtomicLongArray counters,
                                  int rate, int seconds) throws Exception {
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(1), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Queue<String> errorSamples = new ConcurrentLinkedQueue<>();
        SplittableRandom random = new SplittableRandom(5);
        long total = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[(int) total];
        long start = System.nanoTime();
        AtomicLong lastDone = new AtomicLong(start);
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int deal = random.nextInt(deals);
            CommandMix.HttpCommand request = CommandMix.http(deal, counters.getAndIncrement(deal));
            inFlight[i] = http.sendAsync(http.postRequest(request.path(), request.json())).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                lastDone.accumulateAndGet(now, Math::max);
                if (failure == null && response.statusCode() / 100 == 2) {
                    ok.incrementAndGet();
                    Latency.record(latency, now - intended);
                } else if (failure == null && response.statusCode() == 409) {
                    conflicts.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                    if (errorSamples.size() < 5) {
                        errorSamples.add(failure != null ? failure.toString() : describe(response));
                    }
                }
            });
        }
        CompletableFuture.allOf(inFlight).handle((v, e) -> null).get();
        result.info("fixed_offered_rps", rate);
        result.metric("fixed_rps", ok.get() / ((lastDone.get() - start) / 1e9));
        Latency.report(result, "fixed_", latency);
        result.metric("conflicts", conflicts.get());
        result.errors(errors.get());
        if (!errorSamples.isEmpty()) {
            result.info("fixed_errorSamples", List.copyOf(errorSamples));
        }
    }

    private static void expect2xx(LedgerHttp http, CommandMix.HttpCommand command) throws Exception {
        HttpResponse<String> response = http.post(command.path(), command.json());
        if (response.statusCode() == 409) {
            throw new LedgerException(ProblemCode.STALE_VERSION, response.body());
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(describe(response));
        }
    }

    /** Status and address, and the body when it was kept (the fixed-rate phase discards bodies). */
    private static String describe(HttpResponse<?> response) {
        String line = "HTTP " + response.statusCode() + " " + response.uri();
        return response.body() == null ? line : line + ": " + response.body();
    }
}
