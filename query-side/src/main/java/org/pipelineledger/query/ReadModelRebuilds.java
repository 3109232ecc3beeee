package org.pipelineledger.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.SimpleSerializedObject;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.pipelineledger.query.support.ReadModelTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a read model beside the live one (blue/green, ADR 0019): a new version of its tables, fed from the first
 * event by a processor of its own ({@code rebuild-<read model>-<version>}, one segment), while the live version goes
 * on; once the rebuild has caught up with the live processor, one transaction switches the queries and the live
 * processor over to it, and a little later the old tables are dropped.
 * <p>
 * Every node looks at {@code read_model_version} every {@value #EVERY_MS} ms: each runs the processor of a rebuild
 * under way, and the token claim lets one of them work on it, so a rebuild goes on after a restart of its node, or on
 * another node; the node that has the claim reports the progress and switches.
 */
@Component
public class ReadModelRebuilds implements SmartLifecycle {

    static final long EVERY_MS = 500;
    /** Events per batch of a rebuild, as the live processor's (ADR 0002). */
    static final int BATCH_SIZE = 200;
    /** How long the switch holds the live processor while the rebuild takes its last step. */
    static final Duration LONGEST_HOLD = Duration.ofMillis(400);
    /** A rebuild whose tables were not made in this long was abandoned by its node. */
    static final Duration PREPARING_AT_MOST = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);

    /** A rebuild of one read model, as the status shows it. */
    public record Rebuild(String readModel, int version, String state, long eventsDone, long eventsTotal,
                          Double eventsPerSecond, Long secondsLeft, Instant startedAt, Instant switchedAt,
                          boolean oldVersionDropped, String failure) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final Configuration axon;
    private final EventProcessingConfiguration processing;
    private final ApplicationContext context;
    private final ReadModelTables tables;
    private final Clock clock;
    private final Duration dropAfter;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;

    /** A rebuild's processor on this node, with where it stood when it first claimed its segment here. */
    private static final class Running {
        final PooledStreamingEventProcessor processor;
        final ScheduledExecutorService coordinator;
        final ScheduledExecutorService worker;
        long firstPosition = -1;
        long firstAt;

        Running(PooledStreamingEventProcessor processor, ScheduledExecutorService coordinator,
                ScheduledExecutorService worker) {
            this.processor = processor;
            this.coordinator = coordinator;
            this.worker = worker;
        }
    }

    ReadModelRebuilds(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, EventStore eventStore,
                      TokenStore tokenStore, Configuration axon, EventProcessingConfiguration processing,
                      ApplicationContext context, ReadModelTables tables, Clock clock,
                      @Value("${ledger.rebuild.drop-old-after:PT10S}") Duration dropAfter) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.axon = axon;
        this.processing = processing;
        this.context = context;
        this.tables = tables;
        this.clock = clock;
        this.dropAfter = dropAfter;
    }

    /**
     * Begins a rebuild of {@code readModel}: its next version's tables, empty, and the row that every node's loop
     * starts the rebuild's processor for.
     *
     * @throws LedgerException {@code UNKNOWN_READ_MODEL}, or {@code REBUILD_IN_PROGRESS} while one is under way or the
     *                         last one's old tables are not dropped yet
     */
    public Rebuild start(String readModel) {
        List<String> names = ReadModelTables.TABLES.get(readModel);
        if (names == null) {
            throw new LedgerException(ProblemCode.UNKNOWN_READ_MODEL, "there is no read model '" + readModel
                    + "'; the read models are " + String.join(", ", ReadModelTables.TABLES.keySet()));
        }
        Instant now = clock.instant();
        int claimed = jdbc.update("""
                UPDATE read_model_version SET next_version = version + 1, state = 'PREPARING', started_at = ?,
                    switched_at = NULL, events_done = 0, events_total = ?, events_per_sec = NULL, progress_at = ?,
                    failure = NULL
                WHERE read_model = ? AND (state IS NULL OR state IN ('SWITCHED', 'FAILED')) AND old_dropped = TRUE""",
                Timestamp.from(now), head() + 1, Timestamp.from(now), readModel);
        if (claimed == 0) {
            throw new LedgerException(ProblemCode.REBUILD_IN_PROGRESS, "the read model '" + readModel
                    + "' is being rebuilt; GET /api/read-models/status shows how far");
        }
        int version = jdbc.queryForObject("SELECT next_version FROM read_model_version WHERE read_model = ?",
                Integer.class, readModel);
        try {
            dropTables(readModel, version);
            for (String statement : ddl(readModel, version)) {
                jdbc.execute(statement);
            }
            deleteTokens(Routing.rebuildProcessor(readModel, version));
            jdbc.update("UPDATE read_model_version SET state = 'BUILDING' WHERE read_model = ? AND state = 'PREPARING'",
                    readModel);
        } catch (RuntimeException failure) {
            fail(readModel, version, failure);
            throw failure;
        }
        log.info("rebuilding read model {} as version {}", readModel, version);
        tick();
        return find(readModel).orElseThrow();
    }

    /** The latest rebuild of every read model that has had one, in the status's order. */
    public List<Rebuild> rebuilds() {
        List<Rebuild> rebuilds = new ArrayList<>();
        jdbc.query("SELECT * FROM read_model_version WHERE state IS NOT NULL", rs -> {
            String state = rs.getString("state");
            long done = rs.getLong("events_done");
            long total = rs.getLong("events_total");
            Double rate = (Double) rs.getObject("events_per_sec", Double.class);
            Long left = "BUILDING".equals(state) && rate != null && rate > 0
                    ? (long) Math.ceil(Math.max(0, total - done) / rate) : null;
            Timestamp started = rs.getTimestamp("started_at");
            Timestamp switched = rs.getTimestamp("switched_at");
            Integer next = (Integer) rs.getObject("next_version", Integer.class);
            rebuilds.add(new Rebuild(rs.getString("read_model"), next != null ? next : rs.getInt("version"),
                    "PREPARING".equals(state) ? "BUILDING" : state, done, total, rate, left,
                    started == null ? null : started.toInstant(), switched == null ? null : switched.toInstant(),
                    rs.getBoolean("old_dropped"), rs.getString("failure")));
        });
        List<String> order = List.copyOf(ReadModelTables.TABLES.keySet());
        rebuilds.sort((a, b) -> Integer.compare(order.indexOf(a.readModel()), order.indexOf(b.readModel())));
        return rebuilds;
    }

    /** The latest rebuild of {@code readModel}, if it has had one. */
    public Optional<Rebuild> find(String readModel) {
        if (!ReadModelTables.TABLES.containsKey(readModel)) {
            throw new LedgerException(ProblemCode.UNKNOWN_READ_MODEL, "there is no read model '" + readModel
                    + "'; the read models are " + String.join(", ", ReadModelTables.TABLES.keySet()));
        }
        return rebuilds().stream().filter(rebuild -> rebuild.readModel().equals(readModel)).findFirst();
    }

    /** One look at every read model's row: run, report, switch, drop, stop. */
    synchronized void tick() {
        tables.refresh();
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM read_model_version");
        for (Map<String, Object> row : rows) {
            String readModel = (String) row.get("read_model");
            String state = (String) row.get("state");
            Integer next = row.get("next_version") == null ? null : ((Number) row.get("next_version")).intValue();
            int version = ((Number) row.get("version")).intValue();
            try {
                if ("BUILDING".equals(state) && next != null) {
                    building(readModel, next);
                } else {
                    stopAllBut(readModel, null);
                }
                Instant started = instant(row.get("started_at"));
                Instant switched = instant(row.get("switched_at"));
                if ("PREPARING".equals(state) && started != null
                        && started.plus(PREPARING_AT_MOST).isBefore(clock.instant())) {
                    fail(readModel, next, new IllegalStateException("the node that began it stopped"));
                }
                if ("SWITCHED".equals(state) && !Boolean.TRUE.equals(row.get("old_dropped"))
                        && switched != null && switched.plus(dropAfter).isBefore(clock.instant())) {
                    dropOld(readModel, version);
                }
            } catch (RuntimeException failure) {
                log.warn("rebuild of read model {}: {}", readModel, failure.toString());
            }
        }
    }

    private void building(String readModel, int version) {
        String name = Routing.rebuildProcessor(readModel, version);
        stopAllBut(readModel, name);
        Running rebuild = running.computeIfAbsent(name, ignored -> startProcessor(readModel, version, name));
        Map<Integer, EventTrackerStatus> claimed = rebuild.processor.processingStatus();
        if (claimed.isEmpty()) {
            return;
        }
        EventTrackerStatus segment = claimed.values().iterator().next();
        if (segment.isErrorState()) {
            return;
        }
        long head = head();
        long position = segment.getCurrentPosition().orElse(-1);
        long now = System.nanoTime();
        if (rebuild.firstPosition < 0) {
            rebuild.firstPosition = position;
            rebuild.firstAt = now;
        }
        double seconds = (now - rebuild.firstAt) / 1e9;
        Double rate = seconds >= 0.25 ? (position - rebuild.firstPosition) / seconds : null;
        jdbc.update("""
                UPDATE read_model_version SET events_done = ?, events_total = ?, events_per_sec = ?, progress_at = ?
                WHERE read_model = ? AND state = 'BUILDING' AND next_version = ?""",
                position + 1, head + 1, rate, Timestamp.from(clock.instant()), readModel, version);
        if (head - position <= BATCH_SIZE) {
            trySwitch(readModel, version, name);
        }
    }

    /**
     * The switch, in one transaction: hold the live processor's token rows (a batch of it in flight finishes first,
     * the next one waits), let the rebuild take the step it still needs to cover everything the live processor
     * applied, hold its token row too, and point the read model at the new version, remembering the rebuild's token:
     * the live processor skips what that token covers, the rebuild's processor handles nothing after.
     */
    boolean trySwitch(String readModel, int version, String rebuildName) {
        String liveName = processing.eventProcessorByProcessingGroup(readModel).map(EventProcessor::getName)
                .orElseThrow();
        Boolean switched = transactions.execute(status -> {
            List<GapAwareTrackingToken> live = jdbc.query(
                    "SELECT token, tokentype FROM tokenentry WHERE processorname = ? ORDER BY segment FOR UPDATE",
                    (rs, n) -> gapAware(token(rs.getBytes("token"), rs.getString("tokentype"))), liveName);
            long until = System.nanoTime() + LONGEST_HOLD.toNanos();
            GapAwareTrackingToken rebuilt = rebuildToken(rebuildName, false);
            while (!coversAll(rebuilt, live) && System.nanoTime() < until) {
                sleep(20);
                rebuilt = rebuildToken(rebuildName, false);
            }
            rebuilt = rebuildToken(rebuildName, true);
            if (!coversAll(rebuilt, live)) {
                status.setRollbackOnly();
                return false;
            }
            int updated = jdbc.update("""
                    UPDATE read_model_version SET version = next_version, state = 'SWITCHED', switched_at = ?,
                        skip_index = ?, skip_gaps = ?, old_dropped = FALSE
                    WHERE read_model = ? AND state = 'BUILDING' AND next_version = ?""",
                    Timestamp.from(clock.instant()), rebuilt == null ? null : rebuilt.getIndex(),
                    rebuilt == null ? null : rebuilt.getGaps().stream().map(String::valueOf)
                            .collect(Collectors.joining(",")), readModel, version);
            if (updated == 1) {
                // the old version's parked events: the rebuild applied every one of them to the new version
                jdbc.update("DELETE FROM deadletterentry WHERE processinggroup = ?", readModel);
            }
            return updated == 1;
        });
        if (Boolean.TRUE.equals(switched)) {
            log.info("read model {} switched to version {}", readModel, version);
            tables.refresh();
            stopAllBut(readModel, null);
        }
        return Boolean.TRUE.equals(switched);
    }

    private static boolean coversAll(GapAwareTrackingToken rebuilt, List<GapAwareTrackingToken> live) {
        for (GapAwareTrackingToken token : live) {
            if (token != null && (rebuilt == null || !rebuilt.covers(token))) {
                return false;
            }
        }
        return true;
    }

    private GapAwareTrackingToken rebuildToken(String name, boolean lock) {
        List<GapAwareTrackingToken> tokens = jdbc.query("SELECT token, tokentype FROM tokenentry WHERE processorname = ?"
                        + (lock ? " FOR UPDATE" : ""),
                (rs, n) -> gapAware(token(rs.getBytes("token"), rs.getString("tokentype"))), name);
        return tokens.isEmpty() ? null : tokens.get(0);
    }

    private TrackingToken token(byte[] bytes, String type) {
        return bytes == null ? null
                : axon.serializer().deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token) {
        TrackingToken unwrapped = WrappedToken.unwrapUpperBound(token);
        if (unwrapped == null) {
            return null;
        }
        if (!(unwrapped instanceof GapAwareTrackingToken gapAware)) {
            throw new IllegalStateException("a token of type " + unwrapped.getClass().getSimpleName()
                    + " cannot be compared; a rebuild needs the JDBC event store's tokens");
        }
        return gapAware;
    }

    private Running startProcessor(String readModel, int version, String name) {
        List<Object> handlers = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .filter(bean -> readModel.equals(AnnotatedElementUtils.findMergedAnnotation(bean.getClass(),
                        ProcessingGroup.class).value()))
                .toList();
        ScheduledExecutorService coordinator = executor(name + "-coordinator");
        ScheduledExecutorService worker = executor(name + "-worker");
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handlers)
                        .parameterResolverFactory(axon.parameterResolverFactory())
                        .handlerDefinition(axon.handlerDefinition(handlers.get(0).getClass()))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .errorHandler(error -> {
                    // a rebuild that cannot project an event fails: nothing of it is switched to (ADR 0019)
                    fail(readModel, version, error.error());
                    throw error.error() instanceof Exception exception ? exception
                            : new IllegalStateException(error.error());
                })
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(axon.getComponent(org.axonframework.common.transaction.TransactionManager.class))
                .coordinatorExecutor(coordinator)
                .workerExecutor(worker)
                .initialSegmentCount(1)
                .initialToken(StreamableMessageSource::createTailToken)
                .batchSize(BATCH_SIZE)
                .build();
        processor.start();
        return new Running(processor, coordinator, worker);
    }

    private static ScheduledExecutorService executor(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops this node's rebuild processors of {@code readModel} other than {@code keep}. */
    private void stopAllBut(String readModel, String keep) {
        String prefix = Routing.REBUILD_PREFIX + readModel + "-";
        running.keySet().removeIf(name -> {
            if (!name.startsWith(prefix) || name.equals(keep)
                    || !name.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                return false;
            }
            stop(running.get(name));
            return true;
        });
    }

    private static void stop(Running rebuild) {
        try {
            rebuild.processor.shutdownAsync().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("stopping {}: {}", rebuild.processor.getName(), e.toString());
        }
        rebuild.coordinator.shutdownNow();
        rebuild.worker.shutdownNow();
    }

    private void fail(String readModel, Integer version, Throwable cause) {
        log.warn("rebuild of read model {} as version {} failed", readModel, version, cause);
        String message = String.valueOf(cause.getMessage());
        int updated = jdbc.update("""
                UPDATE read_model_version SET state = 'FAILED', failure = ?, next_version = NULL
                WHERE read_model = ? AND state IN ('PREPARING', 'BUILDING') AND next_version = ?""",
                cause.getClass().getSimpleName() + ": " + message.substring(0, Math.min(message.length(), 900)),
                readModel, version);
        if (updated == 1 && version != null) {
            // the failed version's tables and token go; the live version never stopped answering
            Thread cleanup = new Thread(() -> {
                stopAllBut(readModel, null);
                dropTables(readModel, version);
                deleteTokens(Routing.rebuildProcessor(readModel, version));
            }, "rebuild-cleanup");
            cleanup.setDaemon(true);
            cleanup.start();
        }
    }

    private void dropOld(String readModel, int version) {
        int claimed = jdbc.update("UPDATE read_model_version SET old_dropped = TRUE WHERE read_model = ?"
                + " AND state = 'SWITCHED' AND old_dropped = FALSE AND version = ?", readModel, version);
        if (claimed == 1) {
            dropTables(readModel, version - 1);
            deleteTokens(Routing.rebuildProcessor(readModel, version));
            log.info("read model {}: version {} dropped", readModel, version - 1);
        }
    }

    private void dropTables(String readModel, int version) {
        for (String table : ReadModelTables.TABLES.get(readModel)) {
            jdbc.execute("DROP TABLE IF EXISTS " + ReadModelTables.name(table, version));
        }
    }

    private void deleteTokens(String processorName) {
        jdbc.update("DELETE FROM tokenentry WHERE processorname = ?", processorName);
    }

    /** The statements that make version {@code version} of the read model's tables. */
    static List<String> ddl(String readModel, int version) {
        String script;
        try {
            script = new ClassPathResource("read-models/" + readModel + ".sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String suffix = ReadModelTables.name("", version);
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            statement.append(line.replace("${v}", suffix)).append('\n');
            if (line.strip().endsWith(";")) {
                String text = statement.toString().strip();
                statements.add(text.substring(0, text.length() - 1));
                statement.setLength(0);
            }
        }
        return statements;
    }

    /** A TIMESTAMP WITH TIME ZONE as the drivers give it: H2 an OffsetDateTime, PostgreSQL a Timestamp. */
    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        timer = executor("read-model-rebuilds");
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException failure) {
                log.warn("read model rebuilds: {}", failure.toString());
            }
        }, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService timer = this.timer;
        this.timer = null;
        if (timer != null) {
            timer.shutdownNow();
        }
        running.values().forEach(ReadModelRebuilds::stop);
        running.clear();
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
