package org.pipelineledger.query.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh database migrated by the query side's Flyway scripts, without Spring. H2 in memory by default; set
 * {@code -Dledger.test.jdbc-url=jdbc:postgresql://...} (with {@code ledger.test.jdbc-user} and
 * {@code ledger.test.jdbc-password}, and the driver on the test class path) to run the same tests on another
 * database, which is then cleaned before every test.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static NamedParameterJdbcTemplate migrated() {
        String url = System.getProperty("ledger.test.jdbc-url");
        if (url == null || url.isBlank()) {
            DataSource h2 = freshH2();
            migrations(h2).load().migrate();
            return new NamedParameterJdbcTemplate(h2);
        }
        DataSource dataSource = new DriverManagerDataSource(url, System.getProperty("ledger.test.jdbc-user", ""),
                System.getProperty("ledger.test.jdbc-password", ""));
        Flyway flyway = migrations(dataSource).cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        return new NamedParameterJdbcTemplate(dataSource);
    }

    /**
     * A fresh H2 database in memory, migrated up to and including {@code version}: a read model as an earlier release
     * left it, for tests of the migrations after it ({@link #migrateToLatest}).
     */
    public static NamedParameterJdbcTemplate h2MigratedTo(String version) {
        DataSource h2 = freshH2();
        migrations(h2).target(version).load().migrate();
        return new NamedParameterJdbcTemplate(h2);
    }

    /** Runs every migration the database has not had yet. */
    public static void migrateToLatest(NamedParameterJdbcTemplate jdbc) {
        migrations(jdbc.getJdbcTemplate().getDataSource()).load().migrate();
    }

    private static DataSource freshH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }
}
