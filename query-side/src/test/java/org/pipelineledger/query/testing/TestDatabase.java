package org.pipelineledger.query.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
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
        DataSource dataSource;
        if (url == null || url.isBlank()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
        } else {
            dataSource = new DriverManagerDataSource(url, System.getProperty("ledger.test.jdbc-user", ""),
                    System.getProperty("ledger.test.jdbc-password", ""));
        }
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .cleanDisabled(false)
                .load();
        if (url != null && !url.isBlank()) {
            flyway.clean();
        }
        flyway.migrate();
        return new NamedParameterJdbcTemplate(dataSource);
    }
}
