package org.pipelineledger.query.daysinstage;

import static org.pipelineledger.query.support.JdbcValues.instant;
import static org.pipelineledger.query.support.JdbcValues.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.query.support.Days;
import org.pipelineledger.query.support.DealRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Days in stage: every stay of every deal in a stage ({@code dis_stay}) and each deal's status
 * ({@code dis_opportunity}).
 * <p>
 * Idempotent: {@code dis_opportunity.last_seq} holds the sequence number of the last stage event applied to the
 * deal, and an event only takes effect if it claims a higher one; stays are keyed by the event that began them.
 * Durations are measured between the events' {@code occurredAt}, computed in Java and stored in seconds.
 */
@Component
@ProcessingGroup(DaysInStageProjection.PROCESSING_GROUP)
class DaysInStageProjection {

    static final String PROCESSING_GROUP = "days-in-stage";

    /** Stays per chunk of the report: below H2's in-memory limit for a result (40,000 rows per GB of heap). */
    static final int REPORT_CHUNK_ROWS = 10_000;

    private final NamedParameterJdbcTemplate jdbc;
    private final PipelineCatalog catalog;
    private final Clock clock;
    private final TransactionTemplate snapshot;
    private final int reportChunkRows;
    private final Runnable betweenReportChunks;

    @Autowired
    DaysInStageProjection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog, Clock clock) {
        this(jdbc, catalog, clock, REPORT_CHUNK_ROWS, () -> {
        });
    }

    /** For tests: smaller chunks, and something to do between two of them. */
    DaysInStageProjection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog, Clock clock,
                          int reportChunkRows, Runnable betweenReportChunks) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
        this.reportChunkRows = reportChunkRows;
        this.betweenReportChunks = betweenReportChunks;
        // on the data source's own transactions, so it joins a transaction already open there (none is, in the app:
        // its query bus runs queries outside one); a snapshot across the report's statements
        this.snapshot = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource()));
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence) {
        boolean inserted = DealRows.insertOnce(jdbc, "dis_opportunity", """
                INSERT INTO dis_opportunity (opportunity_id, pipeline, status, last_seq)
                VALUES (:id, :pipeline, :status, :seq)""",
                new MapSqlParameterSource()
                        .addValue("id", event.opportunityId().value())
                        .addValue("pipeline", event.pipeline())
                        .addValue("status", DealStatus.OPEN.name())
                        .addValue("seq", sequence));
        if (inserted) {
            beginStay(event, sequence, event.stage());
        }
    }

    @EventHandler
    void on(StageAdvanced event, @SequenceNumber long sequence) {
        if (claim(event, sequence, DealStatus.OPEN)) {
            endStay(event, sequence);
            beginStay(event, sequence, event.to());
        }
    }

    @EventHandler
    void on(StageReverted event, @SequenceNumber long sequence) {
        if (claim(event, sequence, DealStatus.OPEN)) {
            endStay(event, sequence);
            beginStay(event, sequence, event.to());
        }
    }

    @EventHandler
    void on(OpportunityWon event, @SequenceNumber long sequence) {
        if (claim(event, sequence, DealStatus.WON)) {
            endStay(event, sequence);
        }
    }

    @EventHandler
    void on(OpportunityLost event, @SequenceNumber long sequence) {
        if (claim(event, sequence, DealStatus.LOST)) {
            endStay(event, sequence);
        }
    }

    @EventHandler
    void on(OpportunityReopened event, @SequenceNumber long sequence) {
        if (claim(event, sequence, DealStatus.OPEN)) {
            endStay(event, sequence); // nothing open after a win or loss; harmless if a stay somehow is
            beginStay(event, sequence, event.stage());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM dis_stay");
        jdbc.getJdbcTemplate().update("DELETE FROM dis_opportunity");
    }

    @QueryHandler
    DealDaysInStage handle(GetDaysInStage query) {
        String id = query.opportunityId().value();
        List<DealRow> deals = jdbc.query(
                "SELECT pipeline, status FROM dis_opportunity WHERE opportunity_id = :id",
                new MapSqlParameterSource("id", id),
                (rs, row) -> new DealRow(rs.getString("pipeline"), DealStatus.valueOf(rs.getString("status"))));
        if (deals.isEmpty()) {
            throw LedgerException.opportunityNotFound(id);
        }
        DealRow deal = deals.get(0);
        Instant now = clock.instant();
        List<StayRow> stays = jdbc.query("""
                SELECT stage, entered_at, exited_at, duration_seconds
                FROM dis_stay WHERE opportunity_id = :id ORDER BY entered_seq""",
                new MapSqlParameterSource("id", id),
                (rs, row) -> {
                    Instant exitedAt = instant(rs, "exited_at");
                    Instant enteredAt = instant(rs, "entered_at");
                    long seconds = exitedAt == null ? Days.secondsBetween(enteredAt, now) : rs.getLong("duration_seconds");
                    return new StayRow(rs.getString("stage"), enteredAt, exitedAt, seconds);
                });

        List<DealDaysInStage.Visit> visits = stays.stream()
                .map(s -> new DealDaysInStage.Visit(s.stage(), s.enteredAt(), s.exitedAt(),
                        Days.decimalDays(s.seconds()), s.exitedAt() == null))
                .toList();
        StayRow current = stays.stream().filter(s -> s.exitedAt() == null).reduce((a, b) -> b).orElse(null);

        Map<String, long[]> totals = new LinkedHashMap<>(); // stage -> {visits, seconds}
        catalog.find(deal.pipeline()).ifPresent(p -> p.stages().forEach(s -> totals.put(s.key().value(), null)));
        for (StayRow stay : stays) {
            long[] total = totals.get(stay.stage());
            if (total == null) {
                total = new long[2];
                totals.put(stay.stage(), total);
            }
            total[0]++;
            total[1] += stay.seconds();
        }
        List<DealDaysInStage.StageTotal> stageTotals = new ArrayList<>();
        totals.forEach((stage, total) -> {
            if (total != null) {
                stageTotals.add(new DealDaysInStage.StageTotal(stage, (int) total[0], Days.decimalDays(total[1])));
            }
        });

        return new DealDaysInStage(id, deal.pipeline(), deal.status(), now,
                current == null ? null : current.stage(),
                current == null ? null : current.enteredAt(),
                current == null ? null : Days.wholeDaysBetween(current.enteredAt(), now),
                List.copyOf(stageTotals), visits);
    }

    /**
     * Every stay of the pipeline, in chunks of {@code reportChunkRows} by stay number, each continuing after the last
     * one read: a range of the table in storage order, small enough for H2 to hold in memory (one statement over
     * 300,000 stays made H2 write them all to a temporary file first; the chunks cost a few milliseconds more where
     * every stay fits in memory at once, as 30,000 do: docs/benchmarks.md, "Days-in-stage report at 100,000 deals").
     * The chunks are read in one repeatable-read transaction, so the report shows one moment: a
     * deal that moves while it is read counts in the stage it was in when the first chunk was read, not in both. A
     * stay without a duration is still running ({@link #endStay} sets the end and the duration together).
     */
    @QueryHandler
    DaysInStageReport handle(GetDaysInStageReport query) {
        PipelineDefinition pipeline = catalog.require(query.pipeline());
        Map<String, StageStays> byStage = new LinkedHashMap<>();
        pipeline.stages().forEach(s -> byStage.put(s.key().value(), new StageStays()));
        Instant now = snapshot.execute(status -> {
            Instant asOf = clock.instant();
            ReportChunk chunk = new ReportChunk(byStage, asOf);
            MapSqlParameterSource parameters = new MapSqlParameterSource()
                    .addValue("pipeline", pipeline.key())
                    .addValue("rows", reportChunkRows);
            do {
                if (chunk.last != Long.MIN_VALUE) {
                    betweenReportChunks.run();
                }
                chunk.rows = 0;
                jdbc.query("""
                        SELECT stage, entered_at, duration_seconds, stay_no
                        FROM dis_stay WHERE pipeline = :pipeline AND stay_no > :after
                        ORDER BY stay_no FETCH FIRST :rows ROWS ONLY""",
                        parameters.addValue("after", chunk.last), chunk);
            } while (chunk.rows == reportChunkRows);
            return asOf;
        });

        List<DaysInStageReport.StageStatistics> statistics = new ArrayList<>();
        byStage.forEach((stage, stays) -> {
            List<Long> durations = stays.completed;
            durations.sort(null);
            List<Long> running = stays.open;
            boolean none = durations.isEmpty();
            statistics.add(new DaysInStageReport.StageStatistics(
                    stage,
                    pipeline.stage(StageKey.of(stage)).map(StageDefinition::displayName).orElse(stage),
                    durations.size(),
                    none ? null : Days.decimalDays(Days.mean(durations)),
                    none ? null : Days.decimalDays(Days.median(durations)),
                    none ? null : Days.decimalDays(Days.p90(durations)),
                    running.size(),
                    running.isEmpty() ? null : Days.decimalDays(Days.mean(running))));
        });
        return new DaysInStageReport(pipeline.key(), now, List.copyOf(statistics));
    }

    /**
     * Records the event as the deal's latest stage event and sets its status, if no event at or after this sequence
     * number was applied yet. Returns whether the event is to be applied.
     */
    private boolean claim(OpportunityEvent event, long sequence, DealStatus status) {
        return jdbc.update("""
                UPDATE dis_opportunity SET last_seq = :seq, status = :status
                WHERE opportunity_id = :id AND last_seq < :seq""",
                new MapSqlParameterSource()
                        .addValue("id", event.opportunityId().value())
                        .addValue("seq", sequence)
                        .addValue("status", status.name())) == 1;
    }

    private void beginStay(OpportunityEvent event, long sequence, StageKey stage) {
        jdbc.update("""
                INSERT INTO dis_stay (opportunity_id, entered_seq, pipeline, stage, entered_at)
                SELECT opportunity_id, :seq, pipeline, :stage, :at
                FROM dis_opportunity WHERE opportunity_id = :id""",
                new MapSqlParameterSource()
                        .addValue("id", event.opportunityId().value())
                        .addValue("seq", sequence)
                        .addValue("stage", stage.value())
                        .addValue("at", timestamp(event.occurredAt())));
    }

    private void endStay(OpportunityEvent event, long sequence) {
        MapSqlParameterSource byDeal = new MapSqlParameterSource("id", event.opportunityId().value());
        List<OpenStay> openStays = jdbc.query(
                "SELECT entered_seq, entered_at FROM dis_stay WHERE opportunity_id = :id AND exited_at IS NULL",
                byDeal,
                (rs, row) -> new OpenStay(rs.getLong("entered_seq"), instant(rs, "entered_at")));
        for (OpenStay stay : openStays) {
            jdbc.update("""
                    UPDATE dis_stay SET exited_seq = :seq, exited_at = :at, duration_seconds = :seconds
                    WHERE opportunity_id = :id AND entered_seq = :enteredSeq""",
                    new MapSqlParameterSource()
                            .addValue("id", event.opportunityId().value())
                            .addValue("enteredSeq", stay.enteredSequence())
                            .addValue("seq", sequence)
                            .addValue("at", timestamp(event.occurredAt()))
                            .addValue("seconds", Days.secondsBetween(stay.enteredAt(), event.occurredAt())));
        }
    }

    private record DealRow(String pipeline, DealStatus status) {
    }

    private record StayRow(String stage, Instant enteredAt, Instant exitedAt, long seconds) {
    }

    private record OpenStay(long enteredSequence, Instant enteredAt) {
    }

    /**
     * Sorts one chunk of the report's stays into their stages, and remembers how many rows it read and the last stay
     * number. Columns by position: H2 looks a label up on every call (measured in docs/benchmarks.md). A stage no longer defined but still holding stays is appended after the
     * pipeline's own.
     */
    private static final class ReportChunk implements RowCallbackHandler {
        private final Map<String, StageStays> byStage;
        private final Instant now;
        private long last = Long.MIN_VALUE;
        private int rows;

        private ReportChunk(Map<String, StageStays> byStage, Instant now) {
            this.byStage = byStage;
            this.now = now;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            StageStays stays = byStage.computeIfAbsent(rs.getString(1), stage -> new StageStays());
            long seconds = rs.getLong(3);
            if (rs.wasNull()) {
                stays.open.add(Days.secondsBetween(instant(rs, 2), now));
            } else {
                stays.completed.add(seconds);
            }
            last = rs.getLong(4);
            rows++;
        }
    }

    /** One stage's stays for the report: completed durations and running ones so far, in seconds. */
    private static final class StageStays {
        private final List<Long> completed = new ArrayList<>();
        private final List<Long> open = new ArrayList<>();
    }
}
