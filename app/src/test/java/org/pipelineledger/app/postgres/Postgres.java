package org.pipelineledger.app.postgres;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server for the tests, started from the zonky binaries jar (no Docker here, ADR 0017): one
 * server per test JVM ({@link #shared()}), a fresh database per caller ({@link #newDatabase()}), so tests that share
 * the server never see each other's data. {@link #start(Path)} starts a server of one's own on a data directory that
 * survives it (restarts, backups).
 */
public final class Postgres implements AutoCloseable {

    private static Postgres shared;

    /**
     * Where the servers' own output goes (initdb's and postgres's) instead of the test's log at INFO: the module's
     * {@code target}, where the build runs the tests, else the temporary directory.
     */
    private static final Path SERVER_LOG = (Files.isDirectory(Path.of("target")) ? Path.of("target")
            : Path.of(System.getProperty("java.io.tmpdir"))).resolve("postgres-server.log");

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The test JVM's server, started on first use and stopped when the JVM exits. */
    public static synchronized Postgres shared() {
        if (shared == null) {
            shared = start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-shutdown"));
        }
        return shared;
    }

    /**
     * A server of its own on a free port; on {@code dataDirectory} when given (kept after {@link #close()}, reused if
     * it holds a cluster already), else on a temporary one.
     */
    public static Postgres start(Path dataDirectory) {
        return start(dataDirectory, Map.of());
    }

    /**
     * As {@link #start(Path)}, with further server settings ({@code archive_mode}, say) given at start; no value with a
     * space, as zonky hands them to {@code pg_ctl -o} joined by spaces (set those with {@code ALTER SYSTEM}).
     */
    public static Postgres start(Path dataDirectory, Map<String, String> settings) {
        quietZonky();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // commits still reach the server's WAL before they are answered; only the disk flush is skipped
                    .setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "300")
                    // zonky's default is off; on, PostgreSQL's own default and production's (README, Durability)
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(SERVER_LOG.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(SERVER_LOG.toFile()));
            settings.forEach(builder::setServerConfig);
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new Postgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** JDBC URL of {@code database} on this server (user {@code postgres}, no password). */
    public String jdbcUrl(String database) {
        return server.getJdbcUrl("postgres", database);
    }

    /** Creates an empty database with a fresh name and returns its JDBC URL. */
    public String newDatabase() {
        return database("ledger_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * The JDBC URL of the database {@code name} (lower-case letters, digits and {@code _}), created empty if this
     * server does not have it yet: the same name gives the same database, as the same file gives the same H2 store.
     */
    public synchronized String database(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a database name: " + name);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet found = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                exists = found.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /**
     * zonky logs at INFO how it found its binaries and that the server started; the build's output needs none of it.
     * Spring's logging resets levels when a context starts, so {@code application-test.yml} says the same.
     */
    private static void quietZonky() {
        if (LoggerFactory.getLogger("io.zonky.test") instanceof Logger logger) {
            logger.setLevel(Level.WARN);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
