package org.pipelineledger.bench.commands;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.pipelineledger.bench.BacklogSampler;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Database;
import org.pipelineledger.bench.ledger.LedgerApp;

/**
 * Commands in process (T or V0): creates the deals, warms up, then sends the measured commands through the
 * CommandGateway with {@code --threads} client threads, and checks that the event store holds exactly one event per
 * accepted command. The measured phase starts once the read models have projected everything before it, samples
 * their backlog while it runs and times their catch-up after it ({@code cmds_per_s_until_projected}); with
 * {@code --pause-read-models} their processors are stopped instead.
 */
public final class LedgerCommandsBenchmark {

    private static final Duration CATCH_UP = Duration.ofMinutes(10);

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals");
        int threads = args.integer("threads");
        try (LedgerApp app = LedgerApp.start(args)) {
            result.info("processors", app.describeProcessors());
            CommandGateway gateway = app.bean(CommandGateway.class);
            ClientPhase.Result creation = ClientPhase.create(Math.max(threads, 2), deals,
                    deal -> gateway.sendAndWait(CommandMix.create(deal)));
            result.info("create_per_s", creation.perSecond());
            creation.reportErrors(result, "create");

            AtomicLongArray counters = new AtomicLongArray(deals);
            ClientPhase.Sender command = (deal, n) -> gateway.sendAndWait(CommandMix.command(deal, n));
            ClientPhase.Result warm = ClientPhase.run(threads, args.longValue("warmup"), deals, counters, 11, command);
            warm.reportErrors(result, "warmup");

            boolean projecting = !args.flag("pause-read-models");
            if (projecting) {
                // so that the measured phase is not charged for projecting the creations and the warm-up
                long warmHead = app.headIndex();
                result.info("backlog_after_warmup", app.backlog(warmHead));
                result.info("warmup_catch_up_s", app.secondsToHead(warmHead, CATCH_UP).orElseThrow(() ->
                        new IllegalStateException("the read models had not projected the warm-up after 10 minutes")));
            } else {
                // their work so far committed, the processors stop: the commands share the cores with the store alone
                app.streamingProcessors().values().forEach(StreamingEventProcessor::shutDown);
                result.info("read_models", "paused");
            }
            ClientPhase.Result measured;
            List<Long> backlogs;
            try (BacklogSampler sampler = projecting
                    ? BacklogSampler.every(args.longValue("backlog-every-ms"),
                            () -> OptionalLong.of(app.backlog(app.headIndex())))
                    : BacklogSampler.off()) {
                measured = ClientPhase.run(threads, args.longValue("commands"), deals, counters, 13, command);
                backlogs = sampler.samples();
            }
            measured.reportMeasured(result, warm);
            if (projecting) {
                // events stored but not yet projected when the last command returned, then the time to project them
                long head = app.headIndex();
                result.metric("backlog_at_end", app.backlog(head));
                result.info("backlog_by_sample", backlogs);
                OptionalDouble catchUp = app.secondsToHead(head, CATCH_UP);
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
            result.info("db_file_mb", Database.fileMb(args.h2()));
            result.info("durable_commits", app.durableCommits());
            if (stored != expected) {
                result.error("event store holds " + stored + " events, expected one per accepted command: " + expected);
            }
        }
    }
}
