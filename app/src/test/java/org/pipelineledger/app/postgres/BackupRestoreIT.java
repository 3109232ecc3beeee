package org.pipelineledger.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pipelineledger.app.durability.ReadModelTables;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * docs/operations.md's backup and restore, end to end on real PostgreSQL 17 servers: a ledger takes commands, its
 * server is backed up physically (with its WAL archived), the ledger takes more, the server and its files are lost,
 * and the backup is restored into a new server. A ledger started on it has every deal as of the backup, at the
 * version it had then, and none of the later changes; the audit chain verifies clean; and the read models it holds
 * (restored with the events, in the same consistent snapshot) are the ones a rebuild from the restored events gives.
 */
class BackupRestoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aRestoredBackupHasTheDealsAsOfTheBackupVerifiesCleanAndItsReadModelsEqualARebuild() throws Exception {
        Path primaryData = directory.resolve("primary");
        Path archive = directory.resolve("wal-archive");
        Path backup = directory.resolve("backup");

        Map<String, Long> backedUp = new LinkedHashMap<>();
        List<String> later = new ArrayList<>();
        long eventsAtBackup;
        try (Postgres primary = Postgres.start(primaryData, Map.of("archive_mode", "on"))) {
            PhysicalBackup.archiveTo(primary, archive);
            String url = primary.database("ledger");
            try (ConfigurableApplicationContext ledger = LedgerOnPostgres.start(url)) {
                int port = port(ledger);
                for (int i = 0; i < 6; i++) {
                    String id = deal(port);
                    backedUp.put(id, change(port, id, i % 3));
                }
                awaitUpToDate(port);
                eventsAtBackup = count(url, "SELECT COUNT(*) FROM domainevententry");

                PhysicalBackup.take(primary, primaryData, backup);

                // after the backup: new deals, and changes to deals the backup has
                for (int i = 0; i < 3; i++) {
                    later.add(deal(port));
                }
                for (String id : backedUp.keySet().stream().limit(2).toList()) {
                    post(port, "manager", "/api/opportunities/" + id + "/notes", "{\"text\":\"after the backup\"}");
                }
                awaitUpToDate(port);
                assertThat(count(url, "SELECT COUNT(*) FROM domainevententry")).isGreaterThan(eventsAtBackup);
            }
        }
        // the server is lost with its files; what is left is the backup and the archived WAL
        FileSystemUtils.deleteRecursively(primaryData);

        PhysicalBackup.prepareRestore(backup, archive);
        try (Postgres restored = Postgres.start(backup)) {
            await("the restored server has replayed the WAL to the end of the backup and takes writes")
                    .atMost(PATIENCE).until(() -> PhysicalBackup.promoted(restored));
            String url = restored.jdbcUrl("ledger");
            assertThat(count(url, "SELECT COUNT(*) FROM domainevententry")).as("events").isEqualTo(eventsAtBackup);

            Map<String, List<String>> restoredReadModels;
            try (ConfigurableApplicationContext ledger = LedgerOnPostgres.start(url)) {
                int port = port(ledger);
                backedUp.forEach((id, version) -> {
                    Reply deal = get(port, "analyst", "/api/opportunities/" + id);
                    assertThat(deal.status()).as(deal.body()).isEqualTo(200);
                    assertThat(deal.json().path("version").asLong()).as("version of %s", id).isEqualTo(version);
                    assertThat(get(port, "auditor", "/api/opportunities/" + id + "/history").json().path("events").size())
                            .as("events of %s", id).isEqualTo(version + 1);
                });
                later.forEach(id -> assertThat(get(port, "analyst", "/api/opportunities/" + id).status())
                        .as("a deal created after the backup").isEqualTo(404));
                JsonNode verified = get(port, "auditor", "/api/audit/verify").json();
                assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
                assertThat(verified.path("eventsChecked").asLong()).isEqualTo(eventsAtBackup);
                awaitUpToDate(port);
                restoredReadModels = readModels(url);
            }
            try (Connection store = DriverManager.getConnection(url, "postgres", "")) {
                ReadModelTables.empty(store);
            }
            try (ConfigurableApplicationContext rebuild = LedgerOnPostgres.start(url)) {
                awaitUpToDate(port(rebuild));
            }
            Map<String, List<String>> rebuilt = readModels(url);
            assertThat(restoredReadModels.get("board_opportunity")).as("the board's cards").hasSize(backedUp.size());
            assertThat(ReadModelTables.differences(restoredReadModels, rebuilt, 10))
                    .as("the restored read models against a rebuild from the restored events").isEmpty();
        }
    }

    /** A new deal, 201. */
    private String deal(int port) {
        String id = "restore-" + UUID.randomUUID();
        post(port, "rep", "/api/opportunities", "{\"id\":\"" + id + "\",\"name\":\"Backed up\",\"account\":\"Acme\","
                + "\"amount\":25000,\"closeDate\":\"2031-03-31\"}");
        return id;
    }

    /** {@code steps} changes to the deal; its version after them. */
    private long change(int port, String id, int steps) {
        long version = 0;
        String path = "/api/opportunities/" + id;
        if (steps > 0) {
            version = post(port, "rep", path + "/stage", "{\"stage\":\"DISCOVERY\"}").json().path("version").asLong();
        }
        if (steps > 1) {
            version = post(port, "rep", path + "/close-date", "{\"closeDate\":\"2031-05-31\",\"reason\":\"later\"}")
                    .json().path("version").asLong();
        }
        return version;
    }

    private void awaitUpToDate(int port) {
        await("read models up to date").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> get(port, "analyst", "/api/read-models/status").json().path("upToDate").asBoolean());
    }

    private static Map<String, List<String>> readModels(String url) throws SQLException {
        try (Connection store = DriverManager.getConnection(url, "postgres", "")) {
            return ReadModelTables.dump(store);
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Reply post(int port, String user, String path, String json) {
        Reply reply = send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(reply.status()).as("POST %s: %s", path, reply.body()).isBetween(200, 201);
        return reply;
    }

    private Reply get(int port, String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    private Reply send(String user, HttpRequest.Builder request) {
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
