package org.pipelineledger.bench.raw;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLongArray;
import org.pipelineledger.bench.AppSettings;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Latency;
import org.pipelineledger.bench.commands.ClientPhase;

/**
 * RAW for the command benchmarks: the same deals, the same client threads and random deal choice, but each "command"
 * is only the insert of one equivalent event row in its own transaction (no aggregate loading, no serialization of
 * records, no framework). With {@code --batched-rows N} it also measures batched appends, the upper bound.
 */
public final class RawCommandsBenchmark {

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals", 10_000);
        long commands = args.longValue("commands", 200_000);
        long warmup = args.longValue("warmup", 10_000);
        int threads = args.integer("threads", 1);
        long batchedRows = args.longValue("batched-rows", 0);
        try (HikariDataSource dataSource = RawDatabase.open(args.h2(), threads + 1)) {
            RawDatabase.migrate(dataSource);
            result.info("jdbc_url", dataSource.getJdbcUrl());
            try (Connection connection = dataSource.getConnection()) {
                EventRows.insertBatched(connection, "cmd-", deals, deals, 1_000);
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
            ClientPhase.Result warm = ClientPhase.run(threads, warmup, deals, counters, 11, insert);
            ClientPhase.Result measured = ClientPhase.run(threads, commands, deals, counters, 13, insert);
            warm.reportErrors(result, "warmup");
            measured.reportErrors(result, "measured");
            result.metric("cmds_per_s", measured.perSecond());
            Latency.report(result, "", measured.latency());
            result.metric("conflicts", warm.conflicts() + measured.conflicts());
            result.info("seconds", measured.seconds());
            result.info("cmds_per_s_by_tenth", measured.perSecondByTenth());
            result.info("db_file_mb", AppSettings.databaseFileMb(args.h2()));

            if (batchedRows > 0) {
                try (Connection connection = dataSource.getConnection()) {
                    long start = System.nanoTime();
                    long written = EventRows.insertBatched(connection, "batch-", deals, batchedRows, 1_000);
                    result.metric("batched_rows_per_s", written / ((System.nanoTime() - start) / 1e9));
                }
            }
        }
    }
}
