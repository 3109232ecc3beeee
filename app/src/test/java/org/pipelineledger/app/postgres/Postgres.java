package org.pipelineledger.app.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL 17 server for the tests, started from the zonky binaries jar (no Docker here, ADR 0017): one
 * server per test JVM ({@link #shared()}), a fresh database per caller ({@link #newDatabase()}), so tests that share
 * the server never see each other's data. {@link #start(Path)} starts a server of one's own on a data directory that
 * survives it (restarts, backups).
 */
public final class Postgres implements AutoCloseable {

    private static Postgres shared;

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
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // commits still reach the server's WAL before they are answered; only the disk flush is skipped
                    .setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "300");
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
        String name = "ledger_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
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
