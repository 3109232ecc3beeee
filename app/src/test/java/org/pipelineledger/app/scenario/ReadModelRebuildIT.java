package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pipelineledger.app.scenario.LedgerHttp.assertProblem;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.pipelineledger.query.support.ReadModelTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Rebuilding a read model without downtime (ADR 0019), over real HTTP in a context of its own: every read model is
 * rebuilt while a thread sends commands and another reads, the reads never fail nor see an empty board, the status
 * shows the rebuild's progress, and the switched version agrees row for row with a plain replay (a second rebuild
 * once the commands have stopped); the old version's tables are gone afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=rebuild", "ledger.rebuild.drop-old-after=PT1S"})
@ActiveProfiles({"embedded", "test"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelRebuildIT {

    /** Columns a replay may number differently: dis_stay's identity (see durability.ReadModelTables). */
    private static final Set<String> NOT_COMPARED = Set.of("stay_no");
    private static final int SEED_DEALS = 100;
    private static final List<JsonNode> RATES = new java.util.concurrent.CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private LedgerHttp http;
    private final AtomicInteger deals = new AtomicInteger();

    @BeforeEach
    void connect() {
        http = new LedgerHttp(port);
    }

    @Test
    @Order(1)
    void refusesAnUnknownReadModelAnotherRebuildOfTheSameAndEveryoneButAnAdmin() {
        assertProblem(http.post("admin", "/api/admin/read-models/nothing/rebuild", null), 404, "UNKNOWN_READ_MODEL");
        for (String notAdmin : List.of("rep", "manager", "analyst", "auditor")) {
            assertProblem(http.post(notAdmin, "/api/admin/read-models/board/rebuild", null), 403, "ACCESS_DENIED");
        }
        seed(20);
        LedgerHttp.Reply first = http.post("admin", "/api/admin/read-models/reversions/rebuild", null);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.header("Location")).isEqualTo("/api/admin/read-models/reversions/rebuild");
        assertThat(first.json().path("state").asText()).isEqualTo("BUILDING");
        assertProblem(http.post("admin", "/api/admin/read-models/reversions/rebuild", null), 409,
                "REBUILD_IN_PROGRESS");
        awaitSwitched("reversions", first.json().path("version").asInt());
        assertThat(http.get("admin", first.header("Location")).json().path("state").asText()).isEqualTo("SWITCHED");
        assertProblem(http.get("admin", "/api/admin/read-models/nothing/rebuild"), 404, "UNKNOWN_READ_MODEL");
        awaitOldDropped("reversions");
        int version = first.json().path("version").asInt();
        for (String table : ReadModelTables.TABLES.get("reversions")) {
            assertThat(tableExists(ReadModelTables.name(table, version))).as(table + " of the new version").isTrue();
            assertThat(tableExists(ReadModelTables.name(table, version - 1))).as(table + " of the old version dropped")
                    .isFalse();
        }
    }

    @Test
    @Order(2)
    void everyReadModelIsRebuiltUnderAStreamOfCommandsAndAgreesWithAPlainReplay() throws Exception {
        seed(SEED_DEALS);
        // -Drebuild.it.read-models=board,flow rebuilds only those (to try a change quickly)
        String only = System.getProperty("rebuild.it.read-models", "");
        for (String readModel : ReadModelTables.TABLES.keySet()) {
            if (only.isBlank() || List.of(only.split(",")).contains(readModel)) {
                rebuildUnderLoad(readModel);
            }
        }
        // measured once the rebuild has run a moment on its node; some rebuilds here take barely longer
        assertThat(RATES).as("a rebuild's status with its rate and the time left").anySatisfy(rebuild -> {
            assertThat(rebuild.path("eventsPerSecond").asDouble()).isPositive();
            assertThat(rebuild.path("secondsLeft").asLong()).isNotNegative();
        });
    }

    private void rebuildUnderLoad(String readModel) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger commands = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                try {
                    commands.addAndGet(dealWithHistory());
                } catch (RuntimeException | AssertionError e) {
                    failures.add("command: " + e);
                }
            }
        }, "rebuild-it-commands");
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                for (String path : List.of("/api/board", "/api/reports/days-in-stage", "/api/reports/slippage",
                        "/api/reports/reversions", "/api/metrics", "/api/metrics/conversion?from=2020-01-01&to=2032-12-31", "/api/read-models/status")) {
                    LedgerHttp.Reply reply = http.get("analyst", path);
                    reads.incrementAndGet();
                    if (reply.status() != 200) {
                        failures.add("GET " + path + ": " + reply.status() + " " + reply.body());
                    } else if (path.startsWith("/api/board") && boardDeals(reply.json()) == 0) {
                        failures.add("an empty board mid-rebuild: " + reply.body());
                    }
                }
            }
        }, "rebuild-it-reads");
        writer.start();
        reader.start();
        // a page's live updates, subscribed before the rebuild: they go on across the switch
        ConcurrentLinkedQueue<String> live = new ConcurrentLinkedQueue<>();
        InputStream liveStream = readModel.equals("board") ? subscribe(live) : null;
        List<JsonNode> progress = new ArrayList<>();
        int version;
        try {
            Thread.sleep(300);
            LedgerHttp.Reply started = http.post("admin", "/api/admin/read-models/" + readModel + "/rebuild", null);
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            version = started.json().path("version").asInt();
            await(readModel + " switched").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        JsonNode rebuild = rebuildIn(http.get("analyst", "/api/read-models/status").json(), readModel);
                        if (rebuild != null && rebuild.path("version").asInt() == version) {
                            progress.add(rebuild);
                            return rebuild.path("state").asText().equals("SWITCHED");
                        }
                        return false;
                    });
            // the live processor writes the new version from where the rebuild stopped: let it, under the commands
            Thread.sleep(700);
        } finally {
            stop.set(true);
            writer.join();
            reader.join();
        }
        if (liveStream != null) {
            String afterSwitch = "after-switch-" + UUID.randomUUID();
            expect(http.post("rep", "/api/opportunities", body("id", afterSwitch, "name", "After the switch",
                    "account", "A", "amount", 10, "closeDate", "2031-06-30")), 201);
            await("a live update of the deal created after the switch").atMost(Duration.ofSeconds(30))
                    .until(() -> live.stream().anyMatch(data -> data.contains(afterSwitch)));
            liveStream.close();
        }
        assertThat(failures).as("failures while " + readModel + " was rebuilt").isEmpty();
        assertThat(commands.get()).as("commands sent while " + readModel + " was rebuilt").isPositive();
        assertThat(reads.get()).isPositive();
        JsonNode building = progress.stream().filter(p -> p.path("state").asText().equals("BUILDING")).findFirst()
                .orElseThrow(() -> new AssertionError("no BUILDING status of " + readModel + " seen: " + progress));
        assertThat(building.path("eventsTotal").asLong()).isPositive();
        assertThat(building.has("eventsDone")).isTrue();
        progress.stream().filter(p -> p.has("eventsPerSecond")).forEach(RATES::add);
        assertThat(building.path("startedAt").asText()).isNotBlank();

        awaitUpToDate();
        Map<String, List<String>> rebuilt = dump(readModel, version);
        assertThat(rebuilt.values().stream().mapToInt(List::size).sum()).as(readModel + " rows").isPositive();
        awaitOldDropped(readModel);
        for (String table : ReadModelTables.TABLES.get(readModel)) {
            assertThat(tableExists(ReadModelTables.name(table, version - 1))).as(table + " of version "
                    + (version - 1) + " dropped").isFalse();
        }

        // the plain replay: the same read model rebuilt again from the first event, with nothing happening meanwhile
        LedgerHttp.Reply replay = http.post("admin", "/api/admin/read-models/" + readModel + "/rebuild", null);
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        awaitSwitched(readModel, version + 1);
        awaitUpToDate();
        Map<String, List<String>> replayed = dump(readModel, version + 1);
        assertThat(rebuilt).as(readModel + " rebuilt under commands against a plain replay").isEqualTo(replayed);
        awaitOldDropped(readModel);
    }

    /** Opens {@code GET /api/live} and reads its data lines into {@code messages} on a thread of its own. */
    private InputStream subscribe(ConcurrentLinkedQueue<String> messages) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/live"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("manager:demo".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        InputStream body = response.body();
        Thread listener = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        messages.add(line);
                    }
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        }, "rebuild-it-live");
        listener.setDaemon(true);
        listener.start();
        return body;
    }

    private void awaitSwitched(String readModel, int version) {
        http.awaitJson("/api/read-models/status", status -> {
            JsonNode rebuild = rebuildIn(status, readModel);
            return rebuild != null && rebuild.path("version").asInt() == version
                    && rebuild.path("state").asText().equals("SWITCHED");
        });
    }

    private void awaitOldDropped(String readModel) {
        await(readModel + "'s old version dropped").atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(
                jdbc.queryForObject("SELECT old_dropped FROM read_model_version WHERE read_model = ?", Boolean.class,
                        readModel)));
    }

    private void awaitUpToDate() {
        http.awaitJson("/api/read-models/status", status -> status.path("upToDate").asBoolean());
    }

    private static JsonNode rebuildIn(JsonNode status, String readModel) {
        for (JsonNode rebuild : status.path("rebuilds")) {
            if (rebuild.path("readModel").asText().equals(readModel)) {
                return rebuild;
            }
        }
        return null;
    }

    private static long boardDeals(JsonNode board) {
        return board.path("openCount").asLong();
    }

    private void seed(int howMany) {
        for (int i = 0; i < howMany; i++) {
            dealWithHistory();
        }
        awaitUpToDate();
    }

    /** A deal with a history that every read model projects; returns the commands sent. */
    private int dealWithHistory() {
        int n = deals.incrementAndGet();
        String id = "rebuild-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/api/opportunities/" + id;
        String user = n % 2 == 0 ? "rep" : "rep2";
        expect(http.post(user, "/api/opportunities", body("id", id, "name", "Rebuild " + n, "account", "Account " + n % 7,
                "stage", "QUALIFIED", "amount", 1000 + n, "closeDate", "2031-06-30")), 201);
        expect(http.post(user, path + "/stage", body("stage", "DISCOVERY")), 200);
        expect(http.post(user, path + "/close-date", body("closeDate", "2031-0" + (7 + n % 3) + "-15",
                "reason", "Later")), 200);
        if (n % 3 == 0) {
            expect(http.post(user, path + "/stage", body("stage", "QUALIFIED", "reason", "BUDGET",
                    "note", "Budget moved")), 200);
            return 4;
        }
        if (n % 5 == 0) {
            expect(http.post(user, path + "/won", body("note", "Signed")), 200);
            return 4;
        }
        if (n % 7 == 0) {
            expect(http.send("PUT", "/api/targets/2031-Q" + (1 + n % 4), "manager", LedgerHttp.PASSWORD,
                    body("pipeline", "default", "owner", user, "amount", 1000 + n), Map.of()), 200);
        }
        return 3;
    }

    private static void expect(LedgerHttp.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    }

    private boolean tableExists(String table) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ?",
                Integer.class, table.toLowerCase(Locale.ROOT));
        return count != null && count > 0;
    }

    /** The version's tables of the read model, each row as text without the columns a replay may number otherwise. */
    private Map<String, List<String>> dump(String readModel, int version) {
        Map<String, List<String>> dump = new TreeMap<>();
        for (String table : ReadModelTables.TABLES.get(readModel)) {
            List<String> rows = new ArrayList<>();
            jdbc.query("SELECT * FROM " + ReadModelTables.name(table, version), (ResultSet rs) -> {
                ResultSetMetaData columns = rs.getMetaData();
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    String name = columns.getColumnLabel(column).toLowerCase(Locale.ROOT);
                    if (!NOT_COMPARED.contains(name)) {
                        row.append(name).append('=').append(rs.getString(column)).append(", ");
                    }
                }
                rows.add(row.toString());
            });
            Collections.sort(rows);
            dump.put(table, rows);
        }
        return dump;
    }
}
