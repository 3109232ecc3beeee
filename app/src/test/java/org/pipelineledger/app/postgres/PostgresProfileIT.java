package org.pipelineledger.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code postgres} profile as production runs it (docs/operations.md): two nodes started at the same moment on an
 * empty database, which Flyway's lock on PostgreSQL serialises (one migrates, the other waits and finds nothing left
 * to do); each node's connection pool (20 unless {@code LEDGER_DB_POOL_SIZE} says otherwise), its sessions named in
 * {@code pg_stat_activity}, and how long it waits for another node's migrations.
 */
class PostgresProfileIT {

    @Test
    void twoNodesStartingAtOnceOnAnEmptyDatabaseMigrateItOnceEachWithItsPool() throws Exception {
        String database = Postgres.shared().newDatabase();
        ExecutorService starters = Executors.newFixedThreadPool(2);
        List<CompletableFuture<ConfigurableApplicationContext>> nodes = new ArrayList<>();
        try {
            nodes.add(CompletableFuture.supplyAsync(() -> LedgerOnPostgres.start(database), starters));
            nodes.add(CompletableFuture.supplyAsync(() -> LedgerOnPostgres.start(database, "--LEDGER_DB_POOL_SIZE=7"),
                    starters));
            CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).join();

            ConfigurableApplicationContext first = nodes.get(0).join();
            HikariDataSource pool = first.getBean(HikariDataSource.class);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(20);
            assertThat(pool.getPoolName()).isEqualTo("ledger");
            assertThat(first.getBean(JdbcTemplate.class)
                    .queryForObject("SELECT current_setting('application_name')", String.class))
                    .isEqualTo("pipeline-ledger");
            assertThat(first.getBean(Flyway.class).getConfiguration().getLockRetryCount())
                    .as("seconds a node waits for another's migrations").isEqualTo(300);
            assertThat(nodes.get(1).join().getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(7);
        } finally {
            for (CompletableFuture<ConfigurableApplicationContext> node : nodes) {
                node.handle((context, failure) -> {
                    if (context != null) {
                        context.close();
                    }
                    return null;
                }).join();
            }
            starters.shutdown();
        }
        try (Connection connection = DriverManager.getConnection(database, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet history = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version),"
                     + " SUM(CASE WHEN success THEN 0 ELSE 1 END) FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL")) {
            history.next();
            assertThat(history.getLong(1)).as("migrations applied").isEqualTo(history.getLong(2)).isPositive();
            assertThat(history.getLong(3)).as("failed migrations").isZero();
        }
    }
}
