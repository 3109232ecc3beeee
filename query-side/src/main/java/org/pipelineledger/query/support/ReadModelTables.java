package org.pipelineledger.query.support;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which version of each read model's tables a statement means (ADR 0019). The projections and queries name the tables
 * as the migrations made them ({@code board_opportunity}); version n > 1 of a read model is the same tables with the
 * suffix {@code _vn}, and every statement they run is rewritten on its way to the database
 * ({@link VersionedTablesDataSource}): inside a batch that writes a read model's version (its processor's routing put
 * it in the unit of work), to that version; anywhere else, to the version the queries read, from
 * {@code read_model_version}, read again at most every {@value #REFRESH_MS} ms and never inside a transaction.
 */
@Component
public class ReadModelTables {

    /** Every read model (processing group) with its tables, in the status's order. */
    public static final Map<String, List<String>> TABLES = tables();

    static final long REFRESH_MS = 1_000;

    private static final String WRITE_KEY = ReadModelTables.class.getName() + ".write.";
    private static final Map<String, String> GROUP_OF_TABLE = new HashMap<>();
    private static final Pattern TABLE_NAMES;

    static {
        TABLES.forEach((group, names) -> names.forEach(name -> GROUP_OF_TABLE.put(name, group)));
        TABLE_NAMES = Pattern.compile("\\b(" + String.join("|", GROUP_OF_TABLE.keySet()) + ")\\b",
                Pattern.CASE_INSENSITIVE);
    }

    private final JdbcTemplate jdbc;
    private volatile Map<String, Integer> live = Map.of();
    private volatile long readAt = Long.MIN_VALUE;

    public ReadModelTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Map<String, List<String>> tables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("board", List.of("board_opportunity", "board_stage_total"));
        tables.put("days-in-stage", List.of("dis_opportunity", "dis_stay"));
        tables.put("slippage", List.of("slip_opportunity", "slip_change"));
        tables.put("reversions", List.of("rev_opportunity", "rev_reversion"));
        tables.put("metrics", List.of("met_deal"));
        tables.put("flow", List.of("flow_deal", "flow_visit", "flow_state", "flow_target"));
        tables.put("as-of", List.of("as_of_event"));
        return Collections.unmodifiableMap(tables);
    }

    /** A table's name in a version: version 1 is the migrations' own table. */
    public static String name(String table, int version) {
        return version == 1 ? table : table + "_v" + version;
    }

    /** The version of {@code readModel} the queries read now. */
    public int liveVersion(String readModel) {
        refreshIfDue();
        return live.getOrDefault(readModel, 1);
    }

    /** Reads the live versions again now (after a switch on this node). */
    public void refresh() {
        Map<String, Integer> versions = new HashMap<>();
        jdbc.query("SELECT read_model, version FROM read_model_version",
                rs -> {
                    versions.put(rs.getString(1), rs.getInt(2));
                });
        live = Map.copyOf(versions);
        readAt = System.nanoTime();
    }

    private void refreshIfDue() {
        if ((readAt == Long.MIN_VALUE || System.nanoTime() - readAt > REFRESH_MS * 1_000_000)
                && !TransactionSynchronizationManager.isActualTransactionActive()) {
            refresh();
        }
    }

    /** This unit of work's batch writes {@code readModel}'s {@code version} (set by the processor's routing). */
    public static void writeTo(UnitOfWork<?> unitOfWork, String readModel, int version) {
        unitOfWork.root().resources().put(WRITE_KEY + readModel, version);
    }

    /** The statement with every read model's table named in the version it means here. */
    public String rewrite(String sql) {
        refreshIfDue();
        Map<String, Integer> versions = live;
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root() : null;
        boolean anyVersioned = versions.values().stream().anyMatch(version -> version != 1)
                || unitOfWork != null && unitOfWork.resources().keySet().stream()
                .anyMatch(key -> key.startsWith(WRITE_KEY));
        if (!anyVersioned) {
            return sql;
        }
        Matcher matcher = TABLE_NAMES.matcher(sql);
        StringBuilder rewritten = new StringBuilder(sql.length() + 16);
        while (matcher.find()) {
            String table = matcher.group(1).toLowerCase(Locale.ROOT);
            String group = GROUP_OF_TABLE.get(table);
            Object written = unitOfWork == null ? null : unitOfWork.getResource(WRITE_KEY + group);
            int version = written instanceof Integer number ? number : versions.getOrDefault(group, 1);
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement(name(table, version)));
        }
        matcher.appendTail(rewritten);
        return rewritten.toString();
    }
}
