package org.pipelineledger.app.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the app's integration tests on PostgreSQL without editing them (ADR 0017): when the test JVM has
 * {@code -Dledger.test.database=postgres} (failsafe's {@code postgres} execution in app/pom.xml), every application
 * the tests start, a test context or one started by its main class, gets a database of the shared embedded server
 * ({@link Postgres#shared()}) in place of the H2 database it was configured with. An in-memory H2 database becomes a
 * fresh PostgreSQL database; an H2 file becomes a database named after the file, so a test that stops the
 * application and starts it again on the same file finds its data again, as it would on H2. Registered in the test
 * resources' {@code META-INF/spring.factories}; does nothing without the property.
 */
public class PostgresTestDatabases implements EnvironmentPostProcessor {

    static final String SWITCH = "ledger.test.database";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"postgres".equals(System.getProperty(SWITCH))) {
            return;
        }
        String url = environment.getProperty("spring.datasource.url", "");
        String postgresUrl = postgresFor(url);
        if (postgresUrl == null) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("ledger-test-postgres", Map.of(
                "spring.datasource.url", postgresUrl,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "",
                "spring.datasource.driver-class-name", "org.postgresql.Driver")));
    }

    /** The PostgreSQL database in place of the H2 one {@code h2Url} names; null when it is not H2's. */
    static String postgresFor(String h2Url) {
        if (h2Url.startsWith("jdbc:h2:mem:")) {
            return Postgres.shared().newDatabase();
        }
        if (h2Url.startsWith("jdbc:h2:")) {
            int settings = h2Url.indexOf(';');
            String file = settings < 0 ? h2Url : h2Url.substring(0, settings);
            return Postgres.shared().database("ledger_file_" + digest(file));
        }
        return null;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
