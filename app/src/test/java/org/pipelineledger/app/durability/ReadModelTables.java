package org.pipelineledger.app.durability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every table in the ledger's database, each either a read model (dumped row for row, to be compared with a rebuild)
 * or named here as something else. A table that is neither fails the dump, so a new read model cannot go unchecked:
 * add it to {@link #READ_MODELS}, or, if it is not built from the event stream, to {@link #NOT_READ_MODELS}.
 */
public final class ReadModelTables {

    /**
     * The query side's read models (its migrations V3-V18), each with the columns that may legitimately differ between
     * the read model as the processor built it across the crashes and the same read model rebuilt from the store.
     */
    static final Map<String, Set<String>> READ_MODELS = Map.ofEntries(
            Map.entry("board_opportunity", Set.of()),
            Map.entry("board_stage_total", Set.of()),
            Map.entry("dis_opportunity", Set.of()),
            // stay_no is an identity (V11), a number the database hands out as stays are recorded, not a fact from
            // the events: a batch rolled back by a kill has used numbers that are never handed out again, and a
            // rebuild after the rows were deleted carries on after the highest one. The stay is identified by its
            // deal and the event that began it (opportunity_id, entered_seq), which are compared.
            Map.entry("dis_stay", Set.of("stay_no")),
            Map.entry("slip_opportunity", Set.of()),
            Map.entry("slip_change", Set.of()),
            Map.entry("rev_opportunity", Set.of()),
            Map.entry("rev_reversion", Set.of()),
            Map.entry("met_deal", Set.of()),
            Map.entry("flow_deal", Set.of()),
            Map.entry("flow_visit", Set.of()),
            Map.entry("flow_state", Set.of()),
            Map.entry("flow_target", Set.of()),
            // V22: the as-of index (issue 21), one row per deal event
            Map.entry("as_of_event", Set.of()));

    /**
     * Read models fed by events other than the deals' (targets), which a burst of deal commands leaves empty: compared
     * all the same, but not expected to have rows.
     */
    static final Set<String> NOT_FROM_DEALS = Set.of("flow_target");

    /** Tables that are not built from the event stream, and why each is not compared. */
    static final Map<String, String> NOT_READ_MODELS = Map.ofEntries(
            Map.entry("domainevententry", "the event store: audited on its own, and the source of the rebuild"),
            Map.entry("snapshotevententry", "the event store's aggregate snapshots (none are taken)"),
            Map.entry("tokenentry",
                    "the processors' positions: emptied to make the rebuild start from the first event"),
            Map.entry("flyway_schema_history", "Flyway's record of the migrations"),
            // V12/V13, being added by other features: state of the command and processing sides, not read models
            Map.entry("deadletterentry", "events a processor could not handle, parked (dead-letter queue)"),
            Map.entry("idempotency_record", "the first answer to each Idempotency-Key, kept for 24 hours"),
            // V16: the CRM import's jobs and their rows' problems (command side), a record of imports, not of events
            Map.entry("import_job", "CRM import jobs and their progress"),
            Map.entry("import_problem", "the problems of each import's rows"),
            // V19, V21 (issue 21): the hash chain and its checkpoints, written with the events, not projected
            Map.entry("audit_event_hash", "each event's chain hash, written in the event's transaction"),
            Map.entry("audit_chain_migration", "when events stored before the chain existed were chained"),
            Map.entry("audit_checkpoint", "checkpoints over every deal's chain"),
            Map.entry("audit_checkpoint_leaf", "the deals' heads each checkpoint changed"),
            // V24 (issue 22, ADR 0019): which version of each read model is live, and its latest rebuild
            Map.entry("read_model_version", "the read models' versions and rebuilds, not projected"),
            // V23 (issue 22, ADR 0020): API clients' personal access tokens, security state rather than deal history
            Map.entry("access_token", "personal access tokens, stored as hashes"),
            // V25 (issue 22, ADR 0018): the nodes sharing the database, for the processors' share of segments
            Map.entry("ledger_node", "the nodes running on the database and when each was last seen"));

    private ReadModelTables() {
    }

    /** Every read model's rows, each rendered as text without its ignored columns, sorted. */
    public static Map<String, List<String>> dump(Connection connection) throws SQLException {
        Set<String> tables = tables(connection);
        Set<String> unclassified = new TreeSet<>(tables);
        unclassified.removeAll(READ_MODELS.keySet());
        unclassified.removeAll(NOT_READ_MODELS.keySet());
        if (!unclassified.isEmpty()) {
            throw new AssertionError("tables that are neither compared as read models nor named as something else: "
                    + unclassified + "; add each to ReadModelTables.READ_MODELS or NOT_READ_MODELS");
        }
        Set<String> missing = new TreeSet<>(READ_MODELS.keySet());
        missing.removeAll(tables);
        if (!missing.isEmpty()) {
            throw new AssertionError("read models the database does not have: " + missing);
        }
        Map<String, List<String>> dump = new TreeMap<>();
        for (String table : new TreeSet<>(READ_MODELS.keySet())) {
            dump.put(table, rows(connection, table, READ_MODELS.get(table)));
        }
        return dump;
    }

    /** Deletes every read model's rows and every processor's token, so the next start rebuilds them all. */
    public static void empty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : READ_MODELS.keySet()) {
                statement.executeUpdate("DELETE FROM " + table);
            }
            statement.executeUpdate("DELETE FROM tokenentry");
        }
    }

    /** Lower-cased names of the tables of every schema but the database's own (H2's or PostgreSQL's). */
    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
                     + " WHERE table_schema NOT IN ('INFORMATION_SCHEMA', 'information_schema', 'pg_catalog')")) {
            while (rows.next()) {
                String schema = rows.getString(1).toLowerCase(Locale.ROOT);
                String name = rows.getString(2).toLowerCase(Locale.ROOT);
                tables.add("public".equals(schema) ? name : schema + "." + name);
            }
        }
        return tables;
    }

    private static List<String> rows(Connection connection, String table, Set<String> ignored) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    String name = columns.getColumnLabel(column).toLowerCase(Locale.ROOT);
                    if (ignored.contains(name)) {
                        continue;
                    }
                    if (!row.isEmpty()) {
                        row.append(", ");
                    }
                    row.append(name).append('=').append(result.getString(column));
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    /**
     * The rows each dump has and the other has not (as many times as it has them more), per table; empty when the
     * dumps are equal row for row.
     */
    public static Map<String, String> differences(Map<String, List<String>> before, Map<String, List<String>> after,
                                           int examples) {
        Map<String, String> differences = new TreeMap<>();
        for (String table : before.keySet()) {
            List<String> onlyBefore = subtract(before.get(table), after.getOrDefault(table, List.of()));
            List<String> onlyAfter = subtract(after.getOrDefault(table, List.of()), before.get(table));
            if (!onlyBefore.isEmpty() || !onlyAfter.isEmpty()) {
                differences.put(table, before.get(table).size() + " rows before, "
                        + after.getOrDefault(table, List.of()).size() + " after the rebuild; only before ("
                        + onlyBefore.size() + "): " + onlyBefore.subList(0, Math.min(examples, onlyBefore.size()))
                        + "; only after (" + onlyAfter.size() + "): "
                        + onlyAfter.subList(0, Math.min(examples, onlyAfter.size())));
            }
        }
        return differences;
    }

    private static List<String> subtract(List<String> from, List<String> remove) {
        Map<String, Integer> left = new HashMap<>();
        remove.forEach(row -> left.merge(row, 1, Integer::sum));
        List<String> rest = new ArrayList<>();
        for (String row : from) {
            if (left.getOrDefault(row, 0) > 0) {
                left.merge(row, -1, Integer::sum);
            } else {
                rest.add(row);
            }
        }
        return rest;
    }
}
