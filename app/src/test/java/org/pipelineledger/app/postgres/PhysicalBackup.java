package org.pipelineledger.app.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A physical backup of a running PostgreSQL server and its restore to the moment the backup ended, by the procedure
 * docs/operations.md describes, with nothing but SQL and a file copy (what {@code pg_basebackup} does; the zonky
 * server has no client tools, ADR 0017): {@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop}
 * (which waits until the WAL the backup needs is archived) and its {@code backup_label}; then, to restore, the copy
 * with a {@code recovery.signal} that replays the archived WAL up to the end of the backup and promotes the server.
 */
final class PhysicalBackup {

    /** Directories whose contents a backup leaves out, as pg_basebackup does: the server recreates or refills them. */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    /** Files of the running server, not of the cluster (epg-lock: zonky's). */
    private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private PhysicalBackup() {
    }

    /** The settings of a server whose backups can be restored: every completed WAL segment copied to {@code archive}. */
    static void archiveTo(Postgres server, Path archive) throws SQLException, IOException {
        Files.createDirectories(archive);
        try (Connection connection = connect(server);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER SYSTEM SET archive_command = 'test ! -f " + archive.toAbsolutePath()
                    + "/%f && cp %p " + archive.toAbsolutePath() + "/%f'");
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    /** Copies the running server's {@code dataDirectory} into {@code target}, a backup consistent as of its end. */
    static void take(Postgres server, Path dataDirectory, Path target) throws SQLException, IOException {
        // one session from start to stop: a non-exclusive backup ends with the session that began it
        try (Connection session = connect(server);
             Statement statement = session.createStatement()) {
            statement.execute("SELECT pg_backup_start('ledger-backup', true)");
            copy(dataDirectory, target);
            // PostgreSQL starts only on a data directory no one else may read
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            try (ResultSet stop = statement.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(true)")) {
                stop.next();
                Files.writeString(target.resolve("backup_label"), stop.getString("labelfile"));
                String tablespaces = stop.getString("spcmapfile");
                if (tablespaces != null && !tablespaces.isEmpty()) {
                    Files.writeString(target.resolve("tablespace_map"), tablespaces);
                }
            }
        }
    }

    /**
     * Makes the backup in {@code backup} start as a server that replays the WAL archived in {@code archive} up to the
     * end of the backup ({@code recovery_target = 'immediate'}), then takes writes.
     */
    static void prepareRestore(Path backup, Path archive) throws IOException {
        Files.writeString(backup.resolve("postgresql.auto.conf"), String.join("\n", List.of("",
                "restore_command = 'cp " + archive.toAbsolutePath() + "/%f %p'",
                "recovery_target = 'immediate'",
                "recovery_target_action = 'promote'", "")), StandardOpenOption.APPEND);
        Files.createFile(backup.resolve("recovery.signal"));
    }

    /** Whether the server has finished its recovery and takes writes. */
    static boolean promoted(Postgres server) throws SQLException {
        try (Connection connection = connect(server);
             Statement statement = connection.createStatement();
             ResultSet recovery = statement.executeQuery("SELECT pg_is_in_recovery()")) {
            recovery.next();
            return !recovery.getBoolean(1);
        }
    }

    private static Connection connect(Postgres server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = source.relativize(path);
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else if (!leftOut(relative)) {
                    try {
                        Files.copy(path, copy);
                    } catch (NoSuchFileException vanished) {
                        // a temporary file the server removed while the copy ran: the WAL replay needs none of them
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean leftOut(Path relative) {
        return LEFT_OUT.contains(relative.toString())
                || relative.getNameCount() > 1 && EMPTIED.contains(relative.getName(0).toString());
    }
}
