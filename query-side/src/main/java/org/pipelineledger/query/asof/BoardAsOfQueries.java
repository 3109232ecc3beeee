package org.pipelineledger.query.asof;

import static org.pipelineledger.query.support.JdbcValues.timestamp;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.SimpleSerializedObject;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;
import org.pipelineledger.query.support.JdbcValues;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The board as of a business time known at a record time, from the as-of index ({@link AsOfIndexProjection}) and,
 * for the deals the index may not hold in full, from the event store (docs/as-of.md, ADR 0016).
 * <p>
 * Exactness despite the processor's lag: in one read-only repeatable-read transaction this reads, in this order, the
 * index's token (how far the processor has committed the index), the deals parked in the index's dead-letter queue,
 * the index, and the ids of the deals with an event the token does not cover (after its position or in its gaps).
 * Those deals and the parked ones are the <em>tail</em>: their index rows are taken off the totals and they are folded
 * from their events in the store instead. Every other deal's events were all committed to the index with the token
 * read first, so its row in force is its state then. The order makes this hold even where a read sees later commits
 * than the one before it: an index row read is of an event committed before it, which the last read then sees.
 * <p>
 * A database that keeps instants only to the microsecond (PostgreSQL: its {@code TIMESTAMP(9)} is a
 * {@code TIMESTAMP(6)}, rounded, and so is a parameter) cannot tell an event a few nanoseconds before T or K from one
 * just after it: on such a database the deals with an index time within {@link #ROUNDING_WINDOW} of T or K join the
 * tail and are decided from their events, whose times the store keeps exactly (ADR 0017).
 */
@Component
class BoardAsOfQueries {

    /** Tail deals per statement that takes their index rows off the totals. */
    private static final int CHUNK = 1_000;

    /**
     * Far enough either side of T and K that a row the index cannot place exactly is within it: a stored time is off by
     * at most a microsecond (rounded, and rounded again when the next event's fold reads it back), a parameter by half.
     */
    static final Duration ROUNDING_WINDOW = Duration.ofNanos(5_000);

    private final NamedParameterJdbcTemplate jdbc;
    private final EventStore eventStore;
    private final PipelineCatalog catalog;
    private final TokenStore tokenStore;
    private final EventProcessingConfiguration processing;
    private final TransactionTemplate snapshot;
    /** Whether the database rounds instants to the microsecond; asked once, on the first board as of. */
    private volatile Boolean roundsInstants;

    BoardAsOfQueries(NamedParameterJdbcTemplate jdbc, EventStore eventStore, PipelineCatalog catalog,
                     TokenStore tokenStore, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.catalog = catalog;
        this.tokenStore = tokenStore;
        this.processing = processing;
        this.snapshot = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource()));
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    @QueryHandler
    BoardAsOf handle(GetBoardAsOf query) {
        PipelineDefinition pipeline = catalog.require(query.pipeline());
        MapSqlParameterSource parameters = new MapSqlParameterSource("pipeline", pipeline.key())
                .addValue("owner", query.owner())
                .addValue("asOf", timestamp(query.asOf()))
                .addValue("knownAt", timestamp(query.knownAt()));
        Map<String, Tally> totals = new HashMap<>();
        Set<String> tail = snapshot.execute(status -> {
            Projected projected = projected();
            Set<String> deals = new LinkedHashSet<>(jdbc.queryForList(
                    "SELECT DISTINCT sequenceidentifier FROM deadletterentry WHERE processinggroup = :group",
                    new MapSqlParameterSource("group", AsOfIndexProjection.PROCESSING_GROUP), String.class));
            jdbc.query("SELECT stage, COUNT(*) AS deals, SUM(amount) AS amount" + inForce(query)
                    + " GROUP BY stage", parameters, rs -> {
                        totals.computeIfAbsent(rs.getString("stage"), stage -> new Tally())
                                .add(rs.getLong("deals"), rs.getBigDecimal("amount"));
                    });
            if (roundsInstants()) {
                deals.addAll(jdbc.queryForList("""
                        SELECT DISTINCT opportunity_id FROM as_of_event WHERE pipeline = :pipeline
                          AND (occurred_to BETWEEN :asOfLow AND :asOfHigh
                            OR next_occurred_to BETWEEN :asOfLow AND :asOfHigh
                            OR recorded_to BETWEEN :knownAtLow AND :knownAtHigh
                            OR next_recorded_to BETWEEN :knownAtLow AND :knownAtHigh)""",
                        new MapSqlParameterSource(parameters.getValues())
                                .addValue("asOfLow", timestamp(query.asOf().minus(ROUNDING_WINDOW)))
                                .addValue("asOfHigh", timestamp(query.asOf().plus(ROUNDING_WINDOW)))
                                .addValue("knownAtLow", timestamp(query.knownAt().minus(ROUNDING_WINDOW)))
                                .addValue("knownAtHigh", timestamp(query.knownAt().plus(ROUNDING_WINDOW))),
                        String.class));
            }
            deals.addAll(jdbc.queryForList("SELECT DISTINCT aggregateidentifier FROM domainevententry"
                    + " WHERE globalindex > :index" + (projected.gaps().isEmpty() ? "" : " OR globalindex IN (:gaps)"),
                    new MapSqlParameterSource("index", projected.index()).addValue("gaps", projected.gaps()),
                    String.class));
            // the tail's rows in force, read again in the same transaction as the totals, to take them off
            List<String> ids = new ArrayList<>(deals);
            for (int from = 0; from < ids.size(); from += CHUNK) {
                jdbc.query("SELECT stage, amount" + inForce(query) + " AND opportunity_id IN (:ids)",
                        new MapSqlParameterSource(parameters.getValues())
                                .addValue("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))),
                        rs -> {
                            totals.computeIfAbsent(rs.getString("stage"), stage -> new Tally())
                                    .add(-1, negate(rs.getBigDecimal("amount")));
                        });
            }
            return deals;
        });
        for (String id : tail) {
            List<RecordedEvent> events = RecordedEvent.of(eventStore, id);
            DealState state = RecordedEvent.fold(events, RecordedEvent.prefix(events, query.asOf(), query.knownAt()));
            if (state != null && state.isOpen() && state.pipeline().equals(pipeline.key())
                    && (query.owner() == null || query.owner().equals(state.owner()))) {
                totals.computeIfAbsent(state.stage(), stage -> new Tally()).add(1, state.amount());
            }
        }
        return board(pipeline, query, totals);
    }

    /** Any database but H2 is taken to keep instants to the microsecond: PostgreSQL does. */
    private boolean roundsInstants() {
        Boolean rounds = roundsInstants;
        if (rounds == null) {
            rounds = !"H2".equals(jdbc.getJdbcTemplate().execute((ConnectionCallback<String>) connection ->
                    connection.getMetaData().getDatabaseProductName()));
            roundsInstants = rounds;
        }
        return rounds;
    }

    /** FROM and WHERE of each deal's row in force at (asOf, knownAt) while open, in the pipeline (V22). */
    private static String inForce(GetBoardAsOf query) {
        return """
                 FROM as_of_event
                WHERE pipeline = :pipeline AND status = 'OPEN'
                  AND occurred_to <= :asOf AND recorded_to <= :knownAt
                  AND (next_occurred_to > :asOf OR next_recorded_to > :knownAt)"""
                + (query.owner() == null ? "" : " AND owner = :owner");
    }

    private static BoardAsOf board(PipelineDefinition pipeline, GetBoardAsOf query, Map<String, Tally> totals) {
        List<String> stages = new ArrayList<>(pipeline.stages().stream().map(stage -> stage.key().value()).toList());
        // as on the live board: open deals in a stage the pipeline no longer defines are shown at the end
        new TreeSet<>(totals.keySet()).forEach(stage -> {
            if (totals.get(stage).count > 0 && !stages.contains(stage)) {
                stages.add(stage);
            }
        });
        List<BoardAsOf.Column> columns = new ArrayList<>();
        long openCount = 0;
        BigDecimal openAmount = BigDecimal.ZERO;
        for (String stage : stages) {
            Tally tally = totals.getOrDefault(stage, new Tally());
            columns.add(new BoardAsOf.Column(stage,
                    pipeline.stage(StageKey.of(stage)).map(StageDefinition::displayName).orElse(stage),
                    tally.count, JdbcValues.plain(tally.amount)));
            openCount += tally.count;
            openAmount = openAmount.add(tally.amount);
        }
        return new BoardAsOf(pipeline.key(), pipeline.displayName(), pipeline.currency(), query.asOf(),
                query.knownAt(), openCount, JdbcValues.plain(openAmount), List.copyOf(columns));
    }

    /**
     * Which events the index holds, from the token of the processor that feeds it: over several segments, the lowest
     * position and every gap below it, so that what it is said to hold it holds in every segment.
     */
    private Projected projected() {
        String processor = processing.eventProcessorByProcessingGroup(AsOfIndexProjection.PROCESSING_GROUP)
                .map(EventProcessor::getName).orElse(AsOfIndexProjection.PROCESSING_GROUP);
        List<TrackingToken> tokens = new ArrayList<>();
        boolean[] unknown = {false};
        jdbc.query("SELECT token, tokentype FROM tokenentry WHERE processorname = :processor",
                new MapSqlParameterSource("processor", processor), rs -> {
                    TrackingToken token = deserialize(rs.getBytes("token"), rs.getString("tokentype"));
                    if (token == null) {
                        unknown[0] = true;
                    } else {
                        tokens.add(token);
                    }
                });
        if (unknown[0] || tokens.isEmpty()) {
            return Projected.NOTHING;
        }
        long index = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            index = Math.min(index, token.position().orElse(-1));
        }
        Set<Long> gaps = new TreeSet<>();
        for (TrackingToken token : tokens) {
            if (token instanceof GapAwareTrackingToken gapAware) {
                for (Long gap : gapAware.getGaps()) {
                    if (gap <= index) {
                        gaps.add(gap);
                    }
                }
            }
        }
        return new Projected(index, gaps);
    }

    /** The token a segment stands at, unwrapped from a replay; {@code null} for none or one this cannot read. */
    private TrackingToken deserialize(byte[] bytes, String type) {
        if (bytes == null || type == null || !(tokenStore instanceof JdbcTokenStore jdbcTokens)) {
            return null;
        }
        Object token = jdbcTokens.serializer().deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type,
                null));
        return token instanceof TrackingToken tracking ? WrappedToken.unwrapLowerBound(tracking) : null;
    }

    private static BigDecimal negate(BigDecimal amount) {
        return amount == null ? null : amount.negate();
    }

    /**
     * The index holds every event with a global index at most {@code index} except the {@code gaps}; -1: none.
     */
    private record Projected(long index, Set<Long> gaps) {
        static final Projected NOTHING = new Projected(-1, Set.of());
    }

    /** One stage's open deals and their amount. */
    private static final class Tally {
        private long count;
        private BigDecimal amount = BigDecimal.ZERO;

        void add(long deals, BigDecimal sum) {
            count += deals;
            if (sum != null) {
                amount = amount.add(sum);
            }
        }
    }
}
