package org.pipelineledger.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Database;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.Poll;
import org.pipelineledger.bench.Variant;
import org.pipelineledger.bench.ledger.LedgerApp;
import org.pipelineledger.bench.raw.EventRows;

/**
 * The replay scenario's runs: every read model rebuilt from the events in the store, a copy of the template or, in
 * memory, events the run writes first.
 */
public final class ReplayBenchmark {

    private static final String BOARD_GROUP = "board";
    private static final int PAGE = 1_000;
    private static final int TABLES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCAN = "SELECT globalindex, aggregateidentifier, sequencenumber, payloadtype, payload, metadata,"
            + " timestamp FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT ?";
    private static final String UPSERT = "MERGE INTO %s c"
            + " USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(40)), CAST(? AS DECIMAL(19,2)),"
            + " CAST(? AS DATE), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(255)), CAST(? AS BIGINT), CAST(? AS TIMESTAMP)))"
            + " AS s(deal_id, name, stage, amount, close_date, outlook, owner, last_sequence, last_changed_at)"
            + " ON c.deal_id = s.deal_id"
            + " WHEN MATCHED THEN UPDATE SET name = COALESCE(s.name, c.name), stage = COALESCE(s.stage, c.stage),"
            + " amount = COALESCE(s.amount, c.amount), close_date = COALESCE(s.close_date, c.close_date),"
            + " outlook = COALESCE(s.outlook, c.outlook), owner = COALESCE(s.owner, c.owner),"
            + " last_sequence = s.last_sequence, last_changed_at = s.last_changed_at"
            + " WHEN NOT MATCHED THEN INSERT (deal_id, name, stage, amount, close_date, outlook, owner, last_sequence, last_changed_at)"
            + " VALUES (s.deal_id, s.name, s.stage, s.amount, s.close_date, s.outlook, s.owner, s.last_sequence, s.last_changed_at)";

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        if (args.variant() == Variant.RAW) {
            raw(args, result);
        } else {
            ledger(args, result);
        }
    }

    /**
     * T or V0: every streaming processor reset and started again, timed until each has reached the head and until
     * the board shows every open deal. V0 may be stopped at {@code --max-seconds} and rated by its slowest processor.
     */
    private static void ledger(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals");
        if (!args.seedsItself()) {
            result.info("template_tokens_dropped", Database.dropTokens());
        }
        try (LedgerApp app = LedgerApp.start(args)) {
            if (args.seedsItself()) {
                app.seed(args);
            }
            long head = app.headIndex();
            long events = app.eventCount();
            result.info("events", events);
            result.info("processors", app.describeProcessors());
            LedgerHttp http = app.http();
            Duration limit = Duration.ofSeconds(args.longValue("max-seconds"));
            // T runs the board on the shared processor, V0 on its own: time whichever processor holds it
            String boardProcessor = app.bean(EventProcessingConfiguration.class)
                    .eventProcessorByProcessingGroup(BOARD_GROUP).map(EventProcessor::getName).orElseThrow();

            app.resetProcessors();
            Rebuild rebuild = new Rebuild();
            app.startProcessors();
            boolean reachedHead = Poll.until(limit, Poll.TEN_MS, () -> {
                Map<String, LedgerApp.Progress> progress = app.progressByProcessor(head);
                double now = rebuild.seconds();
                progress.forEach((name, p) -> {
                    if (p.allAtHead()) {
                        rebuild.headByProcessor.putIfAbsent(name, now);
                    }
                });
                LedgerApp.Progress board = progress.get(boardProcessor);
                if (board == null || board.allAtHead()) {
                    rebuild.checkBoard(http, deals);
                }
                return progress.values().stream().allMatch(LedgerApp.Progress::allAtHead);
            });
            double headSeconds = rebuild.seconds();
            result.info("head_s_by_processor", rebuild.headByProcessor);
            if (reachedHead) {
                Poll.until(limit.minusNanos(System.nanoTime() - rebuild.start), Poll.TEN_MS,
                        () -> rebuild.checkBoard(http, deals));
                result.metric("events_per_s", events / headSeconds);
                result.metric("head_s", headSeconds);
                result.info("reached_head", true);
            } else {
                long processed = app.progress(head).slowestPosition();
                result.metric("events_per_s", processed / headSeconds);
                result.info("reached_head", false);
                result.info("stopped_after_s", headSeconds);
                result.info("slowest_position", processed);
            }
            if (rebuild.boardSeconds > 0) {
                result.metric("board_s", rebuild.boardSeconds);
            } else if (reachedHead) {
                result.error("the board did not show all " + deals + " open deals after the replay");
            }
        }
    }

    /**
     * RAW: a keyset scan of the events in pages, each payload parsed, each event upserted into 4 board-card-like
     * tables (one per processing group) with batched standard {@code MERGE ... USING}, one transaction per page with
     * the position saved in it, as a tracking token would be. One scan for all tables: RAW is a bound, not a copy.
     */
    private static void raw(BenchArgs args, ChildResult result) throws Exception {
        try (HikariDataSource dataSource = Database.rawPool(args.h2(), 2)) {
            if (args.seedsItself()) {
                Database.migrate(dataSource);
                int deals = args.integer("deals");
                try (Connection connection = dataSource.getConnection()) {
                    EventRows.insertBatched(connection, "bench-", deals, (long) deals * args.integer("events-per-deal"));
                }
            }
            try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
                for (int t = 0; t < TABLES; t++) {
                    ddl.execute("DROP TABLE IF EXISTS " + table(t));
                    ddl.execute("CREATE TABLE " + table(t) + " (deal_id VARCHAR(64) PRIMARY KEY, name VARCHAR(255),"
                            + " stage VARCHAR(40), amount DECIMAL(19,2), close_date DATE, outlook VARCHAR(16),"
                            + " owner VARCHAR(255), last_sequence BIGINT, last_changed_at TIMESTAMP)");
                }
                ddl.execute("DROP TABLE IF EXISTS bench_token");
                ddl.execute("CREATE TABLE bench_token (processor VARCHAR(64) PRIMARY KEY, position BIGINT)");
                ddl.execute("INSERT INTO bench_token VALUES ('raw', -1)");
            }
            long start = System.nanoTime();
            long events = replay(dataSource);
            double seconds = (System.nanoTime() - start) / 1e9;
            result.metric("events_per_s", events / seconds);
            result.metric("head_s", seconds);
            result.info("events", events);
            result.info("page", PAGE);
            result.info("tables", TABLES);
            try (Connection connection = dataSource.getConnection(); Statement count = connection.createStatement();
                 ResultSet cards = count.executeQuery("SELECT COUNT(*) FROM " + table(0))) {
                cards.next();
                result.info("cards", cards.getLong(1));
                if (cards.getLong(1) == 0 && events > 0) {
                    result.error("replay wrote no cards");
                }
            }
        }
    }

    private static long replay(HikariDataSource dataSource) throws SQLException, IOException {
        long position = -1;
        long events = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            PreparedStatement[] upserts = new PreparedStatement[TABLES];
            for (int t = 0; t < TABLES; t++) {
                upserts[t] = connection.prepareStatement(String.format(UPSERT, table(t)));
            }
            try (PreparedStatement scan = connection.prepareStatement(SCAN);
                 PreparedStatement token = connection.prepareStatement("UPDATE bench_token SET position = ? WHERE processor = 'raw'")) {
                while (true) {
                    scan.setLong(1, position);
                    scan.setInt(2, PAGE);
                    int inPage = 0;
                    try (ResultSet rows = scan.executeQuery()) {
                        while (rows.next()) {
                            position = rows.getLong(1);
                            JsonNode event = JSON.readTree(rows.getBytes(5));
                            for (PreparedStatement upsert : upserts) {
                                bind(upsert, rows.getString(2), rows.getLong(3), rows.getString(4), event);
                                upsert.addBatch();
                            }
                            inPage++;
                        }
                    }
                    if (inPage == 0) {
                        connection.commit();
                        return events;
                    }
                    for (PreparedStatement upsert : upserts) {
                        upsert.executeBatch();
                    }
                    token.setLong(1, position);
                    token.executeUpdate();
                    connection.commit();
                    events += inPage;
                }
            } finally {
                for (PreparedStatement upsert : upserts) {
                    upsert.close();
                }
            }
        }
    }

    private static String table(int index) {
        return "bench_read_model_" + index;
    }

    private static void bind(PreparedStatement upsert, String dealId, long sequence, String payloadType, JsonNode event)
            throws SQLException {
        upsert.setString(1, dealId);
        upsert.setString(2, text(event, "name"));
        JsonNode stage = payloadType.endsWith("StageAdvanced") || payloadType.endsWith("StageReverted")
                ? event.get("to") : event.get("stage");
        upsert.setString(3, stage == null || stage.isNull() ? null : stage.isObject() ? text(stage, "value") : stage.asText());
        JsonNode amount = payloadType.endsWith("AmountChanged") ? event.path("to").path("amount") : event.path("amount").path("amount");
        if (amount.isMissingNode() || amount.isNull()) {
            upsert.setNull(4, Types.DECIMAL);
        } else {
            upsert.setBigDecimal(4, amount.decimalValue());
        }
        String closeDate = payloadType.endsWith("CloseDateSlipped") || payloadType.endsWith("CloseDatePulledIn")
                ? text(event, "to") : text(event, "closeDate");
        upsert.setDate(5, closeDate == null ? null : Date.valueOf(LocalDate.parse(closeDate)));
        upsert.setString(6, payloadType.endsWith("OutlookChanged") ? text(event, "to") : text(event, "outlook"));
        upsert.setString(7, text(event, "owner"));
        upsert.setLong(8, sequence);
        String occurredAt = text(event, "occurredAt");
        upsert.setTimestamp(9, occurredAt == null ? null : Timestamp.from(Instant.parse(occurredAt)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** The clock of one rebuild: when each processor reached the head, and when the board showed every deal. */
    private static final class Rebuild {
        final long start = System.nanoTime();
        final Map<String, Double> headByProcessor = new TreeMap<>();
        double boardSeconds = -1;

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        /** Whether the board shows every deal, asked only until it first has. */
        boolean checkBoard(LedgerHttp http, int deals) throws Exception {
            if (boardSeconds < 0 && http.openDealsOnBoard() == deals) {
                boardSeconds = seconds();
            }
            return boardSeconds > 0;
        }
    }
}
