package org.pipelineledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint after a commit puts it into H2's file before the command is answered, and concurrent commits share
 * checkpoints (ADR 0013). What is "in the file" is read the way a restart after {@code kill -9} would read it: from a
 * copy of the file taken while the database is still open, which H2 opens like one that was never closed.
 */
class H2CheckpointsTest {

    @TempDir
    Path directory;

    @Test
    void everyCommitIsInTheFileOnceTheCheckpointReturned() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("live") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection live = DriverManager.getConnection(url, "sa", "")) {
            live.createStatement().execute("CREATE TABLE acknowledged (n INT PRIMARY KEY)");
            H2Checkpoints checkpoints = new H2Checkpoints(new SingleUrl(url), false);
            for (int n = 1; n <= 20; n++) {
                live.createStatement().execute("INSERT INTO acknowledged VALUES (" + n + ")");
                checkpoints.awaitDurable();
                assertThat(rowsInACopyOfTheFile(n)).as("after commit %d", n).isEqualTo(n);
            }
            assertThat(checkpoints.commits()).isEqualTo(20);
            assertThat(checkpoints.statement()).isEqualTo("CHECKPOINT");
        }
    }

    @Test
    void concurrentCommitsShareACheckpointAndEachWaitsForOneThatStartedAfterIt() throws Exception {
        CountDownLatch firstCheckpointRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger executed = new AtomicInteger();
        H2Checkpoints checkpoints = new H2Checkpoints(statements(sql -> {
            if (executed.incrementAndGet() == 1) {
                firstCheckpointRunning.countDown();
                await(releaseFirst);
            }
        }), true);
        ExecutorService threads = Executors.newFixedThreadPool(9);
        try {
            Future<?> first = threads.submit(checkpoints::awaitDurable);
            await(firstCheckpointRunning);
            // eight commits arrive while the first checkpoint is being written: it cannot cover them
            List<Future<?>> later = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                later.add(threads.submit(checkpoints::awaitDurable));
            }
            Thread.sleep(200);
            assertThat(later).noneMatch(Future::isDone);
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> commit : later) {
                commit.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(checkpoints.commits()).isEqualTo(9);
        assertThat(executed.get()).as("the first, then one for all eight that waited").isEqualTo(2);
        assertThat(checkpoints.statement()).isEqualTo("CHECKPOINT SYNC");
    }

    @Test
    void aCheckpointThatFailsFailsTheCommitThatWaitedForItAndTheNextOneTriesAgain() {
        AtomicInteger executed = new AtomicInteger();
        H2Checkpoints checkpoints = new H2Checkpoints(statements(sql -> {
            if (executed.incrementAndGet() == 1) {
                throw new SQLException("disk full");
            }
        }), false);
        assertThatThrownBy(checkpoints::awaitDurable).isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("disk full");
        checkpoints.awaitDurable();
        assertThat(executed.get()).isEqualTo(2);
        assertThat(checkpoints.commits()).isEqualTo(1);
    }

    @Test
    void anH2FileGetsCheckpointsAndAnInMemoryDatabaseNothingToWaitFor() throws Exception {
        EventStoreConfiguration configuration = new EventStoreConfiguration();
        DurableCommits file = configuration.durableCommits(
                new SingleUrl("jdbc:h2:file:" + directory.resolve("chosen") + ";DB_CLOSE_ON_EXIT=FALSE"), true);
        assertThat(file).isInstanceOfSatisfying(H2Checkpoints.class,
                checkpoints -> assertThat(checkpoints.statement()).isEqualTo("CHECKPOINT SYNC"));
        assertThat(configuration.durableCommits(new SingleUrl("jdbc:h2:mem:chosen"), false))
                .isSameAs(DurableCommits.AT_COMMIT);
    }

    /** Opens a copy of the live file, as a restart after a crash would find it, and counts its rows. */
    private int rowsInACopyOfTheFile(int attempt) throws Exception {
        Path copy = directory.resolve("copy-" + attempt + ".mv.db");
        Files.copy(directory.resolve("live.mv.db"), copy);
        String url = "jdbc:h2:file:" + directory.resolve("copy-" + attempt) + ";ACCESS_MODE_DATA=r";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM acknowledged")) {
            count.next();
            return count.getInt(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Execute {
        void execute(String sql) throws SQLException;
    }

    /** A data source whose statements only run {@code execute}. */
    private static DataSource statements(Execute execute) {
        Statement statement = (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        execute.execute((String) args[0]);
                        return false;
                    }
                    return null;
                });
        Connection connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("createStatement") ? statement : null);
        return new SingleUrl(null) {
            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }

    /** The smallest DataSource: a new connection to one URL each time. */
    private static class SingleUrl implements DataSource {

        private final String url;

        SingleUrl(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, "sa", "");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
