package org.pipelineledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pipelineledger.app.postgres.Postgres;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The README's durability table: on PostgreSQL a commit is durable when it returns unless {@code synchronous_commit}
 * is off, and then the ledger says so at start (ADR 0013, docs/operations.md). On a real PostgreSQL 17, the setting
 * given as a session option, as an operator's role or database setting would give it.
 */
class SynchronousCommitWarningTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(EventStoreConfiguration.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private String database;

    @BeforeEach
    void listen() {
        database = Postgres.shared().newDatabase();
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"off"})
    void aCommitTheServerMayLoseIsWarnedOfAtStart(String synchronousCommit) throws Exception {
        DurableCommits commits = durableCommits(synchronousCommit);

        assertThat(commits).isSameAs(DurableCommits.AT_COMMIT);
        assertThat(warnings()).singleElement().asString()
                .contains("synchronous_commit is off", "can lose commands it acknowledged");
    }

    /** {@code local} flushes the WAL to this server's disk before the commit returns: durable, only not replicated. */
    @ParameterizedTest
    @ValueSource(strings = {"on", "local", "remote_write", "remote_apply"})
    void aCommitOnTheServersDiskWhenItReturnsIsNotWarnedOf(String synchronousCommit) throws Exception {
        DurableCommits commits = durableCommits(synchronousCommit);

        assertThat(commits).isSameAs(DurableCommits.AT_COMMIT);
        assertThat(warnings()).isEmpty();
    }

    private DurableCommits durableCommits(String synchronousCommit) throws Exception {
        String options = URLEncoder.encode("-c synchronous_commit=" + synchronousCommit, StandardCharsets.UTF_8);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database + "&options=" + options,
                "postgres", "");
        return new EventStoreConfiguration().durableCommits(dataSource, false);
    }

    private List<String> warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
