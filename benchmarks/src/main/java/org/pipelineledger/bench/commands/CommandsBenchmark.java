package org.pipelineledger.bench.commands;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
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
import org.pipelineledger.bench.Variant;
import org.pipelineledger.bench.ledger.LedgerApp;
import org.pipelineledger.bench.raw.EventRows;

/**
 * The commands scenario's runs: the deals are created, {@code --warmup} commands warm up, then {@code --commands}
 * are measured with {@code --threads} client threads, each to a random deal (seeded, the same for every variant).
 */
public final class CommandsBenchmark {

    private static final Duration CATCH_UP = Duration.ofMinutes(10);

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        if (args.variant() == Variant.RAW) {
            raw(args, result);
        } else {
            ledger(args, result);
        }
    }

    /**
     * T or V0 in process, through the CommandGateway. The measured phase starts once the read models have projected
     * everything before it, samples their backlog and times their catch-up after it; with
     * {@code --pause-read-models} their processors are stopped instead. The store must hold one event per command.
     */
    private static void ledger(BenchArgs args, ChildResult result) throws Exception {
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

    /**
     * RAW: each command only inserts one equivalent event row in its own transaction (no aggregate, no framework);
     * with {@code --batched-rows} above 0 also batched appends, the upper bound.
     */
    private static void raw(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals");
        int threads = args.integer("threads");
        try (HikariDataSource dataSource = Database.rawPool(args.h2(), threads + 1)) {
            Database.migrate(dataSource);
            result.info("jdbc_url", dataSource.getJdbcUrl());
            try (Connection connection = dataSource.getConnection()) {
                EventRows.insertBatched(connection, "cmd-", deals, deals);
            }
            // sequence 0 is the creation event written above; commands continue from 1
            AtomicLongArray counters = new AtomicLongArray(deals);
            for (int d = 0; d < deals; d++) {
                counters.set(d, 1);
            }
            ClientPhase.Sender insert = (deal, n) -> {
                try (Connection connection = dataSource.getConnection()) {
                    EventRows.insertOne(connection, "cmd-" + deal, n);
                }
            };
            ClientPhase.Result warm = ClientPhase.run(threads, args.longValue("warmup"), deals, counters, 11, insert);
            ClientPhase.Result measured = ClientPhase.run(threads, args.longValue("commands"), deals, counters, 13, insert);
            warm.reportErrors(result, "warmup");
            measured.reportMeasured(result, warm);
            result.info("db_file_mb", Database.fileMb(args.h2()));

            long batchedRows = args.longValue("batched-rows");
            if (batchedRows > 0) {
                try (Connection connection = dataSource.getConnection()) {
                    long start = System.nanoTime();
                    long written = EventRows.insertBatched(connection, "batch-", deals, batchedRows);
                    result.metric("batched_rows_per_s", written / ((System.nanoTime() - start) / 1e9));
                }
            }
        }
    }
}
