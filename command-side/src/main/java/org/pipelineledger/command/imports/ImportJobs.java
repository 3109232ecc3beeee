package org.pipelineledger.command.imports;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/** The tables {@code import_job} and {@code import_problem} (V16), in plain JDBC. */
final class ImportJobs {

    /** Problems a job's own answer shows; the rest are at {@code /problems}. */
    static final int PROBLEMS_SHOWN = 100;

    /** A job's counters as the import goes. */
    record Counts(int rowsDone, int imported, int alreadyPresent, int rowsWarned, int rejected) {
    }

    private static final String JOB_COLUMNS = "id, pipeline, actor, files, status, total_rows, rows_done, imported, "
            + "already_present, rows_warned, rejected, started_at, finished_at, error";
    private static final String PROBLEM_COLUMNS = "line_number, opportunity_id, column_name, cell_value, rule_key, "
            + "action_taken, problem, done";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ImportJobs(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void start(String id, String pipeline, String actor, List<String> files, int rows, Instant startedAt) {
        jdbc.update("INSERT INTO import_job (" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?, NULL, NULL)",
                id, pipeline, actor, String.join("\n", files), ImportStatus.RUNNING.name(), rows, timestamp(startedAt));
    }

    void progress(String id, Counts counts) {
        jdbc.update("UPDATE import_job SET rows_done = ?, imported = ?, already_present = ?, rows_warned = ?, "
                + "rejected = ? WHERE id = ?", counts.rowsDone(), counts.imported(), counts.alreadyPresent(),
                counts.rowsWarned(), counts.rejected(), id);
    }

    void finish(String id, Counts counts, ImportStatus status, String error) {
        progress(id, counts);
        jdbc.update("UPDATE import_job SET status = ?, finished_at = ?, error = ? WHERE id = ?", status.name(),
                timestamp(clock.instant()), cut(error, 4000), id);
    }

    /** Marks the jobs a stopped application left RUNNING as FAILED; answers how many there were. */
    int markInterrupted() {
        return jdbc.update("UPDATE import_job SET status = ?, finished_at = ?, error = ? WHERE status = ?",
                ImportStatus.FAILED.name(), timestamp(clock.instant()),
                "interrupted: the application stopped while the import ran; import the same files again to finish it",
                ImportStatus.RUNNING.name());
    }

    /** Records problems in the order given, numbered from {@code firstSeq}. */
    void addProblems(String id, int firstSeq, List<RowProblem> problems) {
        jdbc.batchUpdate("INSERT INTO import_problem (import_id, seq, " + PROBLEM_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement statement, int i) throws SQLException {
                        RowProblem problem = problems.get(i);
                        statement.setString(1, id);
                        statement.setInt(2, firstSeq + i);
                        statement.setLong(3, problem.row());
                        statement.setString(4, cut(problem.opportunityId(), 255));
                        statement.setString(5, problem.column());
                        statement.setString(6, cut(problem.value(), 1000));
                        statement.setString(7, problem.rule().name());
                        statement.setString(8, problem.action().name());
                        statement.setString(9, cut(problem.problem(), 4000));
                        statement.setString(10, cut(problem.done(), 4000));
                    }

                    @Override
                    public int getBatchSize() {
                        return problems.size();
                    }
                });
    }

    Optional<ImportJob> find(String id) {
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM import_job WHERE id = ?", this::job, id).stream()
                .findFirst();
    }

    /** Every job, newest first, without its problems. */
    List<ImportJob> all() {
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM import_job ORDER BY started_at DESC, id", this::summary);
    }

    /** The job's problems by row, then in the order they were recorded. */
    void problems(String id, Consumer<RowProblem> consumer) {
        jdbc.query("SELECT " + PROBLEM_COLUMNS + " FROM import_problem WHERE import_id = ? ORDER BY line_number, seq",
                rs -> {
                    consumer.accept(problem(rs));
                }, id);
    }

    private ImportJob job(ResultSet rs, int row) throws SQLException {
        ImportJob summary = summary(rs, row);
        String id = summary.id();
        Map<Rule, Integer> warnings = new EnumMap<>(Rule.class);
        Map<Rule, Integer> rejections = new EnumMap<>(Rule.class);
        jdbc.query("SELECT rule_key, COUNT(*) FROM import_problem WHERE import_id = ? GROUP BY rule_key", counted -> {
            Rule rule = Rule.valueOf(counted.getString(1));
            (rule.action() == Rule.Action.REJECTED ? rejections : warnings).put(rule, counted.getInt(2));
        }, id);
        int problemCount = warnings.values().stream().mapToInt(Integer::intValue).sum()
                + rejections.values().stream().mapToInt(Integer::intValue).sum();
        List<RowProblem> shown = jdbc.query("SELECT " + PROBLEM_COLUMNS + " FROM import_problem WHERE import_id = ? "
                + "ORDER BY line_number, seq FETCH FIRST " + PROBLEMS_SHOWN + " ROWS ONLY", (p, n) -> problem(p), id);
        return new ImportJob(id, summary.pipeline(), summary.actor(), summary.files(), summary.status(),
                summary.rows(), summary.rowsDone(), summary.imported(), summary.alreadyPresent(),
                summary.rowsWithWarnings(), warnings.values().stream().mapToInt(Integer::intValue).sum(),
                summary.rejected(), summary.rowsPerSecond(), summary.startedAt(), summary.finishedAt(),
                summary.error(), warnings, rejections, problemCount, shown.size(), shown);
    }

    private ImportJob summary(ResultSet rs, int row) throws SQLException {
        Instant startedAt = instant(rs, "started_at");
        Instant finishedAt = instant(rs, "finished_at");
        int rowsDone = rs.getInt("rows_done");
        return new ImportJob(rs.getString("id"), rs.getString("pipeline"), rs.getString("actor"),
                Arrays.asList(rs.getString("files").split("\n")), ImportStatus.valueOf(rs.getString("status")),
                rs.getInt("total_rows"), rowsDone, rs.getInt("imported"), rs.getInt("already_present"),
                rs.getInt("rows_warned"), 0, rs.getInt("rejected"),
                ImportJob.rowsPerSecond(rowsDone, startedAt, finishedAt == null ? clock.instant() : finishedAt),
                startedAt, finishedAt, rs.getString("error"), null, null, 0, 0, null);
    }

    private static RowProblem problem(ResultSet rs) throws SQLException {
        Rule rule = Rule.valueOf(rs.getString("rule_key"));
        return new RowProblem(rs.getLong("line_number"), rs.getString("opportunity_id"), rs.getString("column_name"),
                rs.getString("cell_value"), rule, Rule.Action.valueOf(rs.getString("action_taken")),
                rs.getString("problem"), rs.getString("done"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static SqlParameterValue timestamp(Instant instant) {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
