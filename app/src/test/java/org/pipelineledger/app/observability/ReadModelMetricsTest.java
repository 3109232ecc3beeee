package org.pipelineledger.app.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.postgres.Postgres;
import org.pipelineledger.query.DeadLetters;
import org.pipelineledger.query.GetReadModelStatus;
import org.pipelineledger.query.ReadModelStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The read models' gauges from a status as {@code ReadModelMonitor} answers it, over a store of a few events. */
class ReadModelMetricsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private JdbcTemplate jdbc;

    @BeforeEach
    void store() {
        store(new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")));
    }

    private void store(JdbcTemplate database) {
        jdbc = database;
        jdbc.execute("CREATE TABLE domainevententry (globalindex BIGINT PRIMARY KEY, timestamp VARCHAR(255))");
        // as Axon writes them: the record time, ISO-8601; 11 is a gap (a rolled-back insert)
        insert(10, NOW.minusSeconds(50));
        insert(12, NOW.minusSeconds(42));
        insert(13, NOW.minusSeconds(5));
    }

    private void insert(long globalIndex, Instant recorded) {
        jdbc.update("INSERT INTO domainevententry (globalindex, timestamp) VALUES (?, ?)", globalIndex,
                recorded.toString());
    }

    private ReadModelMetrics metrics(Duration maxAge) {
        ReadModelMetrics metrics = new ReadModelMetrics(registry, queryGateway, jdbc,
                Clock.fixed(NOW, ZoneOffset.UTC), maxAge);
        metrics.start();
        return metrics;
    }

    @SafeVarargs
    private void answers(ReadModelStatus first, ReadModelStatus... then) {
        @SuppressWarnings("unchecked")
        CompletableFuture<ReadModelStatus>[] later = java.util.Arrays.stream(then)
                .map(CompletableFuture::completedFuture).toArray(CompletableFuture[]::new);
        when(queryGateway.query(any(GetReadModelStatus.class), eq(ReadModelStatus.class)))
                .thenReturn(CompletableFuture.completedFuture(first), later);
    }

    private static ReadModelStatus.Processor processor(String name, Long position, Long behind, String... groups) {
        return new ReadModelStatus.Processor(name, List.of(groups), true, behind != null && behind == 0, position,
                behind, 1, behind == null ? 0 : 1, false, null, 0, List.of());
    }

    private double gauge(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).gauge().value();
    }

    @Test
    void aProcessorsLagIsItsEventsBehindAndTheAgeOfTheOldestEventItHasNotProjected() {
        answers(new ReadModelStatus(13, false, List.of(processor("projections", 10L, 3L, "board", "slippage")),
                List.of()));
        metrics(Duration.ofMinutes(1));

        assertThat(gauge(ReadModelMetrics.LAG_EVENTS, "processor", "projections")).isEqualTo(3);
        // the first event after position 10 is 12 (11 rolled back), recorded 42 s ago
        assertThat(gauge(ReadModelMetrics.LAG_SECONDS, "processor", "projections")).isEqualTo(42);
        assertThat(registry.get(ReadModelMetrics.LAG_SECONDS).gauge().getId().getBaseUnit()).isEqualTo("seconds");
    }

    /** The production store: the same query, the same figure. */
    @Test
    void theOldestEventNotProjectedIsFoundOnPostgreSqlToo() {
        store(new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(),
                Postgres.shared().newDatabase(), "postgres", "")));
        answers(new ReadModelStatus(13, false, List.of(processor("projections", 10L, 3L, "board")), List.of()));
        metrics(Duration.ofMinutes(1));

        assertThat(gauge(ReadModelMetrics.LAG_SECONDS, "processor", "projections")).isEqualTo(42);
    }

    @Test
    void atTheHeadThereIsNoLagAndBeforeItsFirstEventTheOldestEventCounts() {
        answers(new ReadModelStatus(13, false, List.of(processor("at-head", 13L, 0L, "board"),
                processor("fresh", null, 14L, "flow")), List.of()));
        metrics(Duration.ofMinutes(1));

        assertThat(gauge(ReadModelMetrics.LAG_EVENTS, "processor", "at-head")).isZero();
        assertThat(gauge(ReadModelMetrics.LAG_SECONDS, "processor", "at-head")).isZero();
        assertThat(gauge(ReadModelMetrics.LAG_SECONDS, "processor", "fresh")).isEqualTo(50);
    }

    @Test
    void aProcessorWithoutAClaimedSegmentHasNoKnownLag() {
        answers(new ReadModelStatus(13, false, List.of(processor("projections", null, null, "board")), List.of()));
        metrics(Duration.ofMinutes(1));

        assertThat(gauge(ReadModelMetrics.LAG_EVENTS, "processor", "projections")).isNaN();
        assertThat(gauge(ReadModelMetrics.LAG_SECONDS, "processor", "projections")).isNaN();
    }

    @Test
    void deadLettersAreCountedAsDealsAndEventsForEveryReadModelTheProcessorsFeed() {
        DeadLetters.ParkedEvent event = new DeadLetters.ParkedEvent(0, "OpportunityCreated", NOW, NOW, 0,
                "IllegalStateException", "refused");
        answers(new ReadModelStatus(13, false, List.of(processor("projections", 13L, 0L, "board", "slippage",
                "flow")), List.of(
                new DeadLetters.ParkedDeal("slippage", "deal-1", List.of(event, event)),
                new DeadLetters.ParkedDeal("slippage", "deal-2", List.of(event)),
                new DeadLetters.ParkedDeal("board", "deal-1", List.of(event)))));
        metrics(Duration.ofMinutes(1));

        assertThat(gauge(ReadModelMetrics.DEAD_LETTER_DEALS, "read_model", "slippage")).isEqualTo(2);
        assertThat(gauge(ReadModelMetrics.DEAD_LETTER_EVENTS, "read_model", "slippage")).isEqualTo(3);
        assertThat(gauge(ReadModelMetrics.DEAD_LETTER_DEALS, "read_model", "board")).isEqualTo(1);
        assertThat(gauge(ReadModelMetrics.DEAD_LETTER_EVENTS, "read_model", "board")).isEqualTo(1);
        assertThat(gauge(ReadModelMetrics.DEAD_LETTER_DEALS, "read_model", "flow")).isZero();
        assertThat(gauge(ReadModelMetrics.DEAD_LETTER_EVENTS, "read_model", "flow")).isZero();
    }

    @Test
    void oneStatusServesEveryGaugeOfAScrape() {
        answers(new ReadModelStatus(13, false, List.of(processor("projections", 13L, 0L, "board")), List.of()),
                new ReadModelStatus(13, false, List.of(processor("projections", 10L, 3L, "board")), List.of()));
        metrics(Duration.ofMinutes(1));

        assertThat(gauge(ReadModelMetrics.LAG_EVENTS, "processor", "projections")).isZero();
        assertThat(gauge(ReadModelMetrics.LAG_SECONDS, "processor", "projections")).isZero();
        assertThat(gauge(ReadModelMetrics.DEAD_LETTER_DEALS, "read_model", "board")).isZero();
    }

    @Test
    void aProcessorThatAppearsLaterGetsItsGaugesAndOneThatIsGoneLosesThem() {
        java.util.concurrent.atomic.AtomicReference<ReadModelStatus> status = new java.util.concurrent.atomic
                .AtomicReference<>(new ReadModelStatus(13, false, List.of(processor("projections", 13L, 0L, "board")),
                List.of()));
        when(queryGateway.query(any(GetReadModelStatus.class), eq(ReadModelStatus.class)))
                .thenAnswer(query -> CompletableFuture.completedFuture(status.get()));
        metrics(Duration.ZERO);
        assertThat(gauge(ReadModelMetrics.LAG_EVENTS, "processor", "projections")).isZero();

        status.set(new ReadModelStatus(13, false, List.of(processor("rebuild", 10L, 3L, "board")), List.of()));
        // a scrape reads the gauges there are: the one it reads first sees the new status
        assertThat(gauge(ReadModelMetrics.LAG_EVENTS, "processor", "projections")).isNaN();

        assertThat(gauge(ReadModelMetrics.LAG_EVENTS, "processor", "rebuild")).isEqualTo(3);
        assertThat(registry.find(ReadModelMetrics.LAG_EVENTS).tag("processor", "projections").gauge()).isNull();
    }

    @Test
    void aStatusThatCannotBeReadShowsUnknownFiguresAndKeepsTheGauges() {
        when(queryGateway.query(any(GetReadModelStatus.class), eq(ReadModelStatus.class)))
                .thenReturn(CompletableFuture.completedFuture(new ReadModelStatus(13, true,
                        List.of(processor("projections", 13L, 0L, "board")), List.of())))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("database down")));
        metrics(Duration.ZERO);

        assertThat(gauge(ReadModelMetrics.LAG_EVENTS, "processor", "projections")).isNaN();
        assertThat(gauge(ReadModelMetrics.DEAD_LETTER_DEALS, "read_model", "board")).isNaN();
    }
}
