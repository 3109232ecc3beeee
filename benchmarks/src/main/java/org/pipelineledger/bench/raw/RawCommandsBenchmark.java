package org.pipelineledger.bench.raw;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLongArray;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Database;
import org.pipelineledger.bench.commands.ClientPhase;

/**
 * RAW for the command benchmarks: the same deals, the same client threads and random deal choice, but each "command"
 * is only the insert of one equivalent event row in its own transaction (no aggregate loading, no serialization of
 * records, no framework). With {@code --batched-rows N} above 0 it also measures batched appends, the upper bound.
 */
public final class RawCommandsBenchmark {

    public static void run(BenchArgs args, ChildResult result) throws Exception {
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
