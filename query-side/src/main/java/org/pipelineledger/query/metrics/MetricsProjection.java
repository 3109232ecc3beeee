package org.pipelineledger.query.metrics;

import org.pipelineledger.query.support.Days;
import static org.pipelineledger.query.support.JdbcValues.date;
import static org.pipelineledger.query.support.JdbcValues.numeric;
import static org.pipelineledger.query.support.JdbcValues.text;
import static org.pipelineledger.query.support.JdbcValues.timestamp;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.pipelineledger.query.support.DealRows;
import org.pipelineledger.query.support.JdbcValues;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Metrics: one row per deal ({@code met_deal}) with its groupings, current status and amount, its close and the
 * amount at close, and its slips; {@link GetMetrics} sums them in SQL per group (docs/metrics.md).
 * <p>
 * A reopened deal is open again and its earlier close is forgotten: it no longer counts as won or lost in any period.
 * Idempotent: every event after the creation applies only when it claims a higher {@code last_seq} for the deal.
 */
@Component
@ProcessingGroup(MetricsProjection.PROCESSING_GROUP)
class MetricsProjection {

    static final String PROCESSING_GROUP = "metrics";

    /** The most rows {@code groupBy=month} gives: each is one aggregate over the pipeline's deals. */
    static final int MAX_MONTHS = 120;

    private final NamedParameterJdbcTemplate jdbc;
    private final PipelineCatalog catalog;
    private final Clock clock;

    MetricsProjection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("id", event.opportunityId().value())
                .addValue("pipeline", event.pipeline())
                .addValue("owner", text(event.owner()))
                .addValue("team", text(event.profile().team()))
                .addValue("region", text(event.profile().region()))
                .addValue("product", text(event.profile().product()))
                .addValue("account", text(event.account()))
                .addValue("at", timestamp(event.occurredAt()))
                .addValue("epoch", event.occurredAt().getEpochSecond())
                .addValue("status", DealStatus.OPEN.name())
                .addValue("amount", amount(event.amount()))
                .addValue("closeDate", date(event.closeDate()))
                .addValue("seq", sequence);
        DealRows.insertOnce(jdbc, "met_deal", """
                INSERT INTO met_deal (opportunity_id, pipeline, owner, team, region, product, account, created_at,
                    created_epoch, status, amount, close_date, slip_count, slip_days, last_seq)
                VALUES (:id, :pipeline, :owner, :team, :region, :product, :account, :at, :epoch, :status, :amount,
                    :closeDate, 0, 0, :seq)""", parameters);
    }

    @EventHandler
    void on(OwnerReassigned event, @SequenceNumber long sequence) {
        claim(event, sequence, "owner = :owner", new MapSqlParameterSource("owner", text(event.to())));
    }

    @EventHandler
    void on(AmountChanged event, @SequenceNumber long sequence) {
        claim(event, sequence, "amount = :amount", new MapSqlParameterSource("amount", amount(event.to())));
    }

    @EventHandler
    void on(CloseDateSlipped event, @SequenceNumber long sequence) {
        claim(event, sequence, "close_date = :to, slip_count = slip_count + 1, slip_days = slip_days + :days",
                new MapSqlParameterSource("to", date(event.to())).addValue("days", Math.abs(event.days())));
    }

    @EventHandler
    void on(CloseDatePulledIn event, @SequenceNumber long sequence) {
        claim(event, sequence, "close_date = :to", new MapSqlParameterSource("to", date(event.to())));
    }

    @EventHandler
    void on(OpportunityWon event, @SequenceNumber long sequence) {
        close(event, sequence, DealStatus.WON, event.amount());
    }

    @EventHandler
    void on(OpportunityLost event, @SequenceNumber long sequence) {
        close(event, sequence, DealStatus.LOST, event.amount());
    }

    @EventHandler
    void on(OpportunityReopened event, @SequenceNumber long sequence) {
        claim(event, sequence, "status = :status, closed_at = NULL, close_amount = NULL, cycle_seconds = NULL",
                new MapSqlParameterSource("status", DealStatus.OPEN.name()));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM met_deal");
    }

    @QueryHandler
    PipelineMetrics handle(GetMetrics query) {
        PipelineDefinition pipeline = catalog.require(query.pipeline());
        Instant start = query.from() == null ? null : Days.startOf(query.from());
        Instant end = query.to() == null ? null : Days.endOf(query.to());
        List<PipelineMetrics.Row> rows;
        if (query.groupBy() == null) {
            rows = List.of(total(pipeline.key(), start, end).row(PipelineMetrics.TOTAL));
        } else if (query.groupBy() == MetricsGrouping.MONTH) {
            rows = byMonth(pipeline.key(), query, start, end);
        } else {
            rows = grouped(pipeline.key(), query.groupBy().column, start, end);
        }
        return new PipelineMetrics(pipeline.key(), pipeline.currency(), query.from(), query.to(),
                query.groupBy() == null ? null : query.groupBy().parameter(), rows);
    }

    /**
     * One row per calendar month from {@code from}'s (or the pipeline's first deal's) to {@code to}'s (or now's):
     * the closes in the part of the month inside the period, and what is open at its end (now, for a month that
     * the period leaves open-ended).
     */
    private List<PipelineMetrics.Row> byMonth(String pipeline, GetMetrics query, Instant start, Instant end) {
        YearMonth last = YearMonth.from(query.to() == null ? clock.instant().atZone(ZoneOffset.UTC) : query.to());
        YearMonth first = query.from() != null ? YearMonth.from(query.from()) : firstMonth(pipeline, last);
        if (first.isAfter(last)) {
            first = last;
        }
        long months = first.until(last, ChronoUnit.MONTHS) + 1;
        if (months > MAX_MONTHS) {
            throw new LedgerException(ProblemCode.INVALID_PERIOD, "groupBy=month covers at most " + MAX_MONTHS
                    + " months; this period has " + months + ": give a shorter from/to");
        }
        List<PipelineMetrics.Row> rows = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            Instant monthStart = Days.startOf(month.atDay(1));
            Instant monthEnd = Days.endOf(month.atEndOfMonth());
            Instant rowStart = start == null || start.isBefore(monthStart) ? monthStart : start;
            Instant rowEnd = month.equals(last) ? end : monthEnd;
            rows.add(total(pipeline, rowStart, rowEnd).row(month.toString()));
        }
        return rows;
    }

    /** The month of the pipeline's first deal, or {@code otherwise} without deals. */
    private YearMonth firstMonth(String pipeline, YearMonth otherwise) {
        return jdbc.query("SELECT MIN(created_at) AS first_at FROM met_deal WHERE pipeline = :pipeline",
                new MapSqlParameterSource("pipeline", pipeline),
                (rs, row) -> JdbcValues.instant(rs, "first_at")).stream()
                .filter(Objects::nonNull)
                .map(first -> YearMonth.from(first.atZone(ZoneOffset.UTC)))
                .findFirst().orElse(otherwise);
    }

    private MetricsSums total(String pipeline, Instant start, Instant end) {
        Period period = new Period(start, end);
        return jdbc.queryForObject("SELECT " + period.sums() + " FROM met_deal WHERE " + period.population(),
                period.parameters(pipeline), (rs, row) -> MetricsSums.read(rs));
    }

    private List<PipelineMetrics.Row> grouped(String pipeline, String column, Instant start, Instant end) {
        Period period = new Period(start, end);
        List<PipelineMetrics.Row> rows = new ArrayList<>(jdbc.query(
                "SELECT " + column + " AS metric_key, " + period.sums() + " FROM met_deal WHERE "
                        + period.population() + " GROUP BY " + column,
                period.parameters(pipeline),
                (rs, row) -> MetricsSums.read(rs).row(rs.getString("metric_key"))));
        rows.sort(Comparator.comparing(PipelineMetrics.Row::key, Comparator.nullsLast(Comparator.naturalOrder())));
        return rows;
    }

    /**
     * The SQL of a period {@code [start, end)}, either end open ({@code null}): a deal is open at its end when it
     * was created before the end and not closed by then (without an end: open now); it closed in the period when
     * its (last, not reopened) close falls in it. The population of a row is both.
     */
    private record Period(Instant start, Instant end) {

        String open() {
            return end == null ? "closed_at IS NULL"
                    : "(created_at < :end AND (closed_at IS NULL OR closed_at >= :end))";
        }

        String closed() {
            return "(closed_at IS NOT NULL" + (start == null ? "" : " AND closed_at >= :start")
                    + (end == null ? "" : " AND closed_at < :end") + ")";
        }

        String population() {
            return "pipeline = :pipeline AND (" + open() + " OR " + closed() + ")";
        }

        String sums() {
            String won = "status = 'WON' AND " + closed();
            String lost = "status = 'LOST' AND " + closed();
            return "SUM(CASE WHEN " + open() + " THEN 1 ELSE 0 END) AS open_count,"
                    + " SUM(CASE WHEN " + open() + " THEN COALESCE(amount, 0) ELSE 0 END) AS open_value,"
                    + " SUM(CASE WHEN " + won + " THEN 1 ELSE 0 END) AS won_count,"
                    + " SUM(CASE WHEN " + won + " THEN COALESCE(close_amount, 0) ELSE 0 END) AS won_value,"
                    + " SUM(CASE WHEN " + lost + " THEN 1 ELSE 0 END) AS lost_count,"
                    + " SUM(CASE WHEN " + won + " THEN cycle_seconds ELSE 0 END) AS cycle_seconds,"
                    + " COUNT(*) AS population,"
                    + " SUM(CASE WHEN slip_count > 0 THEN 1 ELSE 0 END) AS slipped,"
                    + " SUM(slip_days) AS slip_days";
        }

        MapSqlParameterSource parameters(String pipeline) {
            return new MapSqlParameterSource("pipeline", pipeline)
                    .addValue("start", timestamp(start))
                    .addValue("end", timestamp(end));
        }
    }

    private void close(OpportunityEvent event, long sequence, DealStatus status, Money amount) {
        claim(event, sequence, "status = :status, amount = COALESCE(:amount, amount), closed_at = :at,"
                        + " close_amount = COALESCE(:amount, amount), cycle_seconds = :epoch - created_epoch",
                new MapSqlParameterSource("status", status.name())
                        .addValue("amount", amount(amount))
                        .addValue("at", timestamp(event.occurredAt()))
                        .addValue("epoch", event.occurredAt().getEpochSecond()));
    }

    /** Applies {@code assignments} to the deal's row if the event is newer than the row's last one. */
    private void claim(OpportunityEvent event, long sequence, String assignments, MapSqlParameterSource parameters) {
        jdbc.update("UPDATE met_deal SET " + assignments + ", last_seq = :seq"
                        + " WHERE opportunity_id = :id AND last_seq < :seq",
                parameters.addValue("id", event.opportunityId().value()).addValue("seq", sequence));
    }

    private static Object amount(Money money) {
        return numeric(money == null ? null : money.amount());
    }
}
