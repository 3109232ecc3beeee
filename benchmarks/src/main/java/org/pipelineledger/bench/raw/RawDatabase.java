package org.pipelineledger.bench.raw;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.pipelineledger.bench.AppSettings;
import org.pipelineledger.bench.H2Mode;

/** The same database the ledger would use (the app's own JDBC URL, the app's own Flyway migrations), without Axon. */
final class RawDatabase {

    private RawDatabase() {
    }

    static HikariDataSource open(H2Mode mode, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(mode == H2Mode.MEM ? "jdbc:h2:mem:raw;DB_CLOSE_DELAY=-1" : AppSettings.datasourceUrl(mode));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(Math.max(poolSize, 2));
        return new HikariDataSource(config);
    }

    /** Every migration the application runs (command side V1, query side V2.., app V20..), so the schema is identical. */
    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
