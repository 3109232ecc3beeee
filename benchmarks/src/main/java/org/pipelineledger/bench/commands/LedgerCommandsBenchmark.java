package org.pipelineledger.bench.commands;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.pipelineledger.bench.AppSettings;
import org.pipelineledger.bench.BacklogSampler;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Latency;
import org.pipelineledger.bench.ledger.LedgerApp;

/**
 * Commands in process (T or V0): creates the deals, warms up, then sends the measured commands through the
 * CommandGateway with {@code --threads} client threads. Reports commands/s, p50/p99 latency and conflicts, and checks
 * that the event store holds exactly one event per accepted command. With {@code --pause-read-models} the read
 * models' processors are stopped before the measured commands (a diagnostic of what projecting costs the command path).
 * Otherwise the measured phase starts once the read models have projected the creations and the warm-up, and it
 * records how far they lag behind the event store while the commands run (every
 * {@code --backlog-every-ms}, default 2,000) and how long they need after the last command to reach the head, so a
 * rate that only looks high because projecting was deferred shows up as {@code cmds_per_s_until_projected}.
 */
public final class LedgerCommandsBenchmark {

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals", 10_000);
        long commands = args.longValue("commands", 200_000);
        long warmup = args.longValue("warmup", 10_000);
        int threads = args.integer("threads", 1);
        try (LedgerApp app = LedgerApp.start(args)) {
            result.info("processors", app.describeProcessors());
            CommandGateway gateway = app.bean(CommandGateway.class);

            // creation draws deal numbers from the counter of a single slot: n is the deal number
            ClientPhase.Result creation = ClientPhase.run(Math.max(threads, 2), deals, 1, new AtomicLongArray(1), 7,
                    (ignored, n) -> gateway.sendAndWait(CommandMix.create((int) n)));
            result.info("create_per_s", creation.perSecond());
            creation.reportErrors(result, "create");

            AtomicLongArray counters = new AtomicLongArray(deals);
            ClientPhase.Result warm = ClientPhase.run(threads, warmup, deals, counters, 11,
                    (deal, n) -> gateway.sendAndWait(CommandMix.command(deal, n)));
            warm.reportErrors(result, "warmup");

            boolean projecting = !args.flag("pause-read-models");
            if (!projecting) {
                // --pause-read-models: the processors stop (their work so far committed), so the measured commands
                // share the cores with nothing but the event store
                app.streamingProcessors().values().forEach(StreamingEventProcessor::shutDown);
                result.info("read_models", "paused");
            } else {
                // the read models first project the creations and the warm-up, so that the measured phase is not
                // charged for them (it used to start some 11,000 events behind and catch up in its first third)
                long warmHead = app.headIndex();
                result.info("backlog_after_warmup", backlog(app, warmHead));
                result.info("warmup_catch_up_s", secondsToHead(app, warmHead).orElseThrow(() ->
                        new IllegalStateException("the read models had not projected the warm-up after 10 minutes")));
            }
            ClientPhase.Result measured;
            List<Long> backlogs;
            try (BacklogSampler sampler = projecting
                    ? BacklogSampler.every(args.longValue("backlog-every-ms", 2_000),
                            () -> OptionalLong.of(backlog(app, app.headIndex())))
                    : BacklogSampler.off()) {
                measured = ClientPhase.run(threads, commands, deals, counters, 13,
                        (deal, n) -> gateway.sendAndWait(CommandMix.command(deal, n)));
                backlogs = sampler.samples();
            }
            measured.reportErrors(result, "measured");
            result.metric("cmds_per_s", measured.perSecond());
            Latency.report(result, "", measured.latency());
            result.metric("conflicts", measured.conflicts() + warm.conflicts());
            result.info("seconds", measured.seconds());
            result.info("cmds_per_s_by_tenth", measured.perSecondByTenth());
            if (projecting) {
                // events stored but not yet projected when the last command returned, then the time to project them
                long head = app.headIndex();
                result.metric("backlog_at_end", backlog(app, head));
                result.info("backlog_by_sample", backlogs);
                OptionalDouble catchUp = secondsToHead(app, head);
                if (catchUp.isPresent()) {
                    result.metric("catch_up_s", catchUp.getAsDouble());
                    result.metric("cmds_per_s_until_projected",
                            measured.accepted() / (measured.seconds() + catchUp.getAsDouble()));
                } else {
                    result.error("the read models had not reached the head 10 minutes after the last command");
                }
            }

            long expected = creation.accepted() + warm.accepted() + measured.accepted();
            long stored = app.eventCount();
            result.info("events_stored", stored);
            result.info("db_file_mb", AppSettings.databaseFileMb(args.h2()));
            result.info("durable_commits", app.durableCommits());
            if (stored != expected) {
                result.error("event store holds " + stored + " events, expected one per accepted command: " + expected);
            }
        }
    }

    /** How long the read models take from now to reach {@code head}; empty if they have not within 10 minutes. */
    private static OptionalDouble secondsToHead(LedgerApp app, long head) {
        long start = System.nanoTime();
        return app.awaitHead(head, Duration.ofMinutes(10))
                ? OptionalDouble.of((System.nanoTime() - start) / 1e9) : OptionalDouble.empty();
    }

    /** Events in the store that the slowest read model has not processed yet. */
    private static long backlog(LedgerApp app, long head) {
        return Math.max(0, head - app.progress(head).slowestPosition());
    }
}
