package org.pipelineledger.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.yaml.snakeyaml.Yaml;

/**
 * The run's H2 database, as the benchmark reaches it without the application: the app's own URL (read from its
 * application.yml, so the benchmark never drifts from what the app uses; relative to the working directory, which
 * the runner sets to the run's own), RAW's connections and schema, and a copied template's tokens.
 */
public final class Database {

    private Database() {
    }

    public static String url(H2Mode mode) {
        return mode == H2Mode.MEM ? "jdbc:h2:mem:pipeline-ledger;DB_CLOSE_DELAY=-1" : appUrl();
    }

    /**
     * The size in MB of the H2 files under the run's {@code ./data} directory (where the app's URL puts them), or
     * -1 in memory mode. H2's MVStore writes changed pages to new places and reuses space later, so the file's growth
     * shows how much the run wrote, not only how much it keeps.
     */
    public static double fileMb(H2Mode mode) {
        if (mode == H2Mode.MEM) {
            return -1;
        }
        try (Stream<Path> files = Files.list(Path.of("data"))) {
            return files.map(Path::toFile).filter(f -> f.getName().endsWith(".mv.db")).mapToLong(File::length).sum() / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RAW's connections: the app's URL on file, a database of its own in memory. */
    public static HikariDataSource rawPool(H2Mode mode, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(mode == H2Mode.MEM ? "jdbc:h2:mem:raw;DB_CLOSE_DELAY=-1" : url(mode));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(Math.max(poolSize, 2));
        return new HikariDataSource(config);
    }

    /** Every migration the application runs (command side V1, query side V2.., app V20..), so the schema is identical. */
    public static void migrate(HikariDataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /**
     * Drops a copied template's tracking tokens, so that each variant lays out its own segments: a one-thread
     * tracking processor (V0) would never claim the extra segments a tuned pooled processor (T) left behind.
     */
    public static int dropTokens() throws SQLException {
        try (Connection connection = template(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate("DELETE FROM tokenentry");
        }
    }

    /**
     * Gives every processing group its own copy of the shared processor's tokens, for a variant that runs one
     * processor per group (V0) on a template the tuned app (one shared processor) brought to the head: without them
     * V0's processors would start from the first event and rebuild every read model during the measurement.
     *
     * @return token rows written
     */
    public static int splitSharedTokens(String sharedProcessor, List<String> groups) throws SQLException {
        int written = 0;
        try (Connection connection = template(); PreparedStatement copy = connection.prepareStatement("""
                INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp, owner)
                SELECT ?, segment, token, tokentype, timestamp, NULL FROM tokenentry WHERE processorname = ?""")) {
            for (String group : groups) {
                copy.setString(1, group);
                copy.setString(2, sharedProcessor);
                written += copy.executeUpdate();
            }
        }
        return written;
    }

    /** The copied template, before the application opens it. */
    private static Connection template() throws SQLException {
        return DriverManager.getConnection(url(H2Mode.FILE), "sa", "");
    }

    private static String appUrl() {
        try (InputStream yml = Database.class.getClassLoader().getResourceAsStream("application.yml")) {
            if (yml == null) {
                throw new IllegalStateException("the application's application.yml is not on the benchmark's classpath"
                        + " (the app module's jar, see benchmarks/pom.xml): its H2 URL is the one RAW and T share");
            }
            for (Object document : new Yaml().loadAll(yml)) {
                if (document instanceof Map<?, ?> root
                        && root.get("spring") instanceof Map<?, ?> spring
                        && spring.get("datasource") instanceof Map<?, ?> datasource
                        && datasource.get("url") instanceof String url) {
                    return url;
                }
            }
            throw new IllegalStateException("the application's application.yml has no spring.datasource.url");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
