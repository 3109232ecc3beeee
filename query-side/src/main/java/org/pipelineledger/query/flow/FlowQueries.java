package org.pipelineledger.query.flow;

import static org.pipelineledger.query.support.JdbcValues.date;
import static org.pipelineledger.query.support.JdbcValues.instant;
import static org.pipelineledger.query.support.JdbcValues.plain;
import static org.pipelineledger.query.support.JdbcValues.timestamp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.queryhandling.QueryHandler;
import org.pipelineledger.events.TargetSet;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers conversion, the waterfall, coverage and the targets from the flow tables, with SQL aggregates. */
@Component
class FlowQueries {

    private static final BigDecimal THREE = BigDecimal.valueOf(3);

    private final NamedParameterJdbcTemplate jdbc;
    private final PipelineCatalog catalog;

    FlowQueries(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /**
     * Per (deal, stage) entered in the window, from its first entry there in the window ({@code first_seq}) on: a
     * forward move out of the stage, a later entry into it, a win.
     */
    @QueryHandler
    ConversionReport handle(GetConversion query) {
        PipelineDefinition pipeline = pipeline(query.pipeline());
        Map<String, ConversionReport.Stage> counted = new HashMap<>();
        jdbc.query("""
                SELECT stage, COUNT(*) AS entered, SUM(advanced) AS advanced, SUM(came_back) AS came_back,
                    SUM(won) AS won
                FROM (SELECT f.stage,
                        CASE WHEN EXISTS (SELECT 1 FROM flow_visit a WHERE a.opportunity_id = f.opportunity_id
                            AND a.stage = f.stage AND a.entered_seq >= f.first_seq AND a.left_how = 'ADVANCED')
                            THEN 1 ELSE 0 END AS advanced,
                        CASE WHEN EXISTS (SELECT 1 FROM flow_visit b WHERE b.opportunity_id = f.opportunity_id
                            AND b.stage = f.stage AND b.entered_seq > f.first_seq)
                            THEN 1 ELSE 0 END AS came_back,
                        CASE WHEN EXISTS (SELECT 1 FROM flow_visit w WHERE w.opportunity_id = f.opportunity_id
                            AND w.left_how = 'WON' AND w.left_seq > f.first_seq)
                            THEN 1 ELSE 0 END AS won
                    FROM (SELECT opportunity_id, stage, MIN(entered_seq) AS first_seq FROM flow_visit
                          WHERE pipeline = :pipeline AND entered_at >= :start AND entered_at < :end
                          GROUP BY opportunity_id, stage) f) d
                GROUP BY stage""",
                window(pipeline, query.window()),
                rs -> {
                    long entered = rs.getLong("entered");
                    long advanced = rs.getLong("advanced");
                    long won = rs.getLong("won");
                    counted.put(rs.getString("stage"), new ConversionReport.Stage(rs.getString("stage"), entered,
                            advanced, rs.getLong("came_back"), won, rate(advanced, entered), rate(won, entered)));
                });
        List<ConversionReport.Stage> stages = new ArrayList<>();
        for (StageDefinition stage : pipeline.stages()) {
            String key = stage.key().value();
            stages.add(counted.getOrDefault(key, new ConversionReport.Stage(key, 0, 0, 0, 0, null, null)));
        }
        return new ConversionReport(pipeline.key(), query.window().from(), query.window().to(), stages);
    }

    @QueryHandler
    Waterfall handle(GetWaterfall query) {
        PipelineDefinition pipeline = pipeline(query.pipeline());
        MapSqlParameterSource parameters = window(pipeline, query.window());
        Map<Move, Waterfall.Line> lines = new EnumMap<>(Move.class);
        for (Move move : Move.values()) {
            lines.put(move, Waterfall.Line.NONE);
        }
        // each state change in the window that took a deal into or out of the window's pipeline, or changed the
        // amount of a deal in it
        jdbc.query("""
                SELECT kind, was_in, now_in, COUNT(*) AS n, SUM(amount) AS amount,
                    SUM(amount - amount_before) AS delta
                FROM (SELECT kind, amount, amount_before,
                        CASE WHEN was_open = TRUE AND was_close_date >= :from AND was_close_date <= :to
                            THEN 1 ELSE 0 END AS was_in,
                        CASE WHEN is_open = TRUE AND close_date >= :from AND close_date <= :to
                            THEN 1 ELSE 0 END AS now_in
                    FROM flow_state
                    WHERE pipeline = :pipeline AND occurred_at >= :start AND occurred_at < :end) m
                WHERE was_in <> now_in OR (kind = 'AMOUNT' AND was_in = 1)
                GROUP BY kind, was_in, now_in""",
                parameters,
                rs -> {
                    Move move = Move.of(rs.getString("kind"), rs.getInt("was_in") == 1, rs.getInt("now_in") == 1);
                    BigDecimal value = rs.getBigDecimal(move == Move.AMOUNT_CHANGED ? "delta" : "amount");
                    lines.put(move, tidy(lines.get(move).plus(rs.getLong("n"), value)));
                });
        return new Waterfall(pipeline.key(), pipeline.currency(), query.window().from(), query.window().to(),
                openAt(parameters, query.window().start()), lines.get(Move.CREATED), lines.get(Move.PULLED_IN),
                lines.get(Move.WON), lines.get(Move.LOST), lines.get(Move.SLIPPED_OUT), lines.get(Move.AMOUNT_CHANGED),
                openAt(parameters, query.window().end()));
    }

    /** The deals in the window's pipeline just before {@code at}: each deal's last state before it. */
    private Waterfall.Line openAt(MapSqlParameterSource window, Instant at) {
        MapSqlParameterSource parameters = new MapSqlParameterSource(window.getValues()).addValue("at", timestamp(at));
        return jdbc.queryForObject("""
                SELECT COUNT(*) AS n, SUM(amount) AS amount FROM flow_state
                WHERE pipeline = :pipeline AND occurred_at < :at AND (valid_to IS NULL OR valid_to >= :at)
                    AND is_open = TRUE AND close_date >= :from AND close_date <= :to""",
                parameters, (rs, row) -> line(rs));
    }

    /** The waterfall's lines between its two ends. */
    private enum Move {
        CREATED, PULLED_IN, WON, LOST, SLIPPED_OUT, AMOUNT_CHANGED;

        static Move of(String kind, boolean wasIn, boolean nowIn) {
            if (wasIn && nowIn) {
                return AMOUNT_CHANGED;
            }
            if (nowIn) {
                return "CREATED".equals(kind) ? CREATED : PULLED_IN;
            }
            return switch (kind) {
                case "WON" -> WON;
                case "LOST" -> LOST;
                default -> SLIPPED_OUT;
            };
        }
    }

    /**
     * Per owner and per team: the open deals (as they are now) with a close date in the period, and the target. Asked
     * for one owner or team, that one's row alone, even with neither.
     */
    @QueryHandler
    CoverageReport handle(GetCoverage query) {
        PipelineDefinition pipeline = pipeline(query.pipeline());
        TargetSet.Period period = query.period();
        List<CoverageReport.Row> rows = new ArrayList<>();
        for (TargetSet.Kind kind : TargetSet.Kind.values()) {
            String name = kind == TargetSet.Kind.OWNER ? query.owner() : query.team();
            if (name == null && (query.owner() != null || query.team() != null)) {
                continue;
            }
            String column = kind == TargetSet.Kind.OWNER ? "owner" : "team";
            MapSqlParameterSource parameters = new MapSqlParameterSource()
                    .addValue("pipeline", pipeline.key())
                    .addValue("period", period.key())
                    .addValue("kind", kind.name())
                    .addValue("name", name)
                    .addValue("first", date(period.first()))
                    .addValue("last", date(period.last()));
            Map<String, BigDecimal> targets = new HashMap<>();
            jdbc.query("SELECT name, amount FROM flow_target WHERE pipeline = :pipeline AND period = :period"
                            + " AND kind = :kind" + (name == null ? "" : " AND name = :name"), parameters,
                    rs -> {
                        targets.put(rs.getString("name"), plain(rs.getBigDecimal("amount")));
                    });
            Map<String, Waterfall.Line> open = new TreeMap<>();
            jdbc.query("SELECT " + column + " AS name, COUNT(*) AS n, SUM(amount) AS amount FROM flow_deal"
                            + " WHERE pipeline = :pipeline AND is_open = TRUE AND close_date >= :first"
                            + " AND close_date <= :last AND " + column + " IS NOT NULL"
                            + (name == null ? "" : " AND " + column + " = :name") + " GROUP BY " + column,
                    parameters,
                    rs -> {
                        open.put(rs.getString("name"), line(rs));
                    });
            Set<String> names = new TreeSet<>(targets.keySet());
            names.addAll(open.keySet());
            if (name != null) {
                names.add(name);
            }
            for (String each : names) {
                rows.add(row(kind, each, open.getOrDefault(each, Waterfall.Line.NONE), targets.get(each)));
            }
        }
        return new CoverageReport(pipeline.key(), pipeline.currency(), period.key(), period.first(), period.last(),
                rows);
    }

    private static CoverageReport.Row row(TargetSet.Kind kind, String name, Waterfall.Line open, BigDecimal target) {
        if (target == null || target.signum() == 0) {
            return new CoverageReport.Row(kind, name, open.count(), open.value(), target, null, null);
        }
        BigDecimal coverage = open.value().divide(target, 2, RoundingMode.HALF_UP);
        return new CoverageReport.Row(kind, name, open.count(), open.value(), target, coverage,
                open.value().compareTo(target.multiply(THREE)) < 0);
    }

    @QueryHandler
    TargetList handle(GetTargets query) {
        PipelineDefinition pipeline = pipeline(query.pipeline());
        List<TargetList.Target> targets = jdbc.query("""
                SELECT kind, name, amount, set_at, set_by FROM flow_target
                WHERE pipeline = :pipeline AND period = :period ORDER BY kind, name""",
                new MapSqlParameterSource().addValue("pipeline", pipeline.key())
                        .addValue("period", query.period().key()),
                (rs, row) -> new TargetList.Target(TargetSet.Kind.valueOf(rs.getString("kind")), rs.getString("name"),
                        plain(rs.getBigDecimal("amount")), instant(rs, "set_at"), rs.getString("set_by")));
        return new TargetList(pipeline.key(), pipeline.currency(), query.period().key(), targets);
    }

    private PipelineDefinition pipeline(String key) {
        return catalog.require(key == null || key.isBlank() ? PipelineCatalog.DEFAULT_PIPELINE : key);
    }

    private static MapSqlParameterSource window(PipelineDefinition pipeline, Window window) {
        return new MapSqlParameterSource()
                .addValue("pipeline", pipeline.key())
                .addValue("from", date(window.from()))
                .addValue("to", date(window.to()))
                .addValue("start", timestamp(window.start()))
                .addValue("end", timestamp(window.end()));
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** A count {@code n} and a sum {@code amount} (null over no rows). */
    private static Waterfall.Line line(ResultSet rs) throws SQLException {
        return tidy(new Waterfall.Line(rs.getLong("n"), rs.getBigDecimal("amount")));
    }

    private static Waterfall.Line tidy(Waterfall.Line line) {
        return new Waterfall.Line(line.count(), line.value() == null ? BigDecimal.ZERO : plain(line.value()));
    }
}
