package org.pipelineledger.command.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One import as {@code GET /api/imports/{id}} shows it.
 *
 * @param files          the parts given, as {@code part: file name}
 * @param rows           data rows of the pipeline file
 * @param rowsDone       rows decided so far: {@code imported + rejected}, equal to {@code rows} when DONE
 * @param imported       rows whose deal is in the ledger, including those that were already there
 * @param alreadyPresent imported rows whose deal was in the ledger before (an earlier run of the same file)
 * @param rowsWithWarnings imported rows with at least one warning
 * @param warnings       warnings recorded (a row may have several), by rule in {@code warningsByRule}
 * @param rowsPerSecond  rows done per second since the start, until the end
 * @param error          why a FAILED job stopped
 * @param problems       the first {@code problemsShown} problems by row; all of them at {@code /problems}
 */
public record ImportJob(String id, String pipeline, String actor, List<String> files, ImportStatus status, int rows,
                        int rowsDone, int imported, int alreadyPresent, int rowsWithWarnings, int warnings,
                        int rejected, double rowsPerSecond, Instant startedAt, Instant finishedAt, String error,
                        Map<Rule, Integer> warningsByRule, Map<Rule, Integer> rejectedByRule, int problemCount,
                        int problemsShown, List<RowProblem> problems) {

    static double rowsPerSecond(int rowsDone, Instant startedAt, Instant until) {
        double seconds = Duration.between(startedAt, until).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : Math.round(rowsDone / seconds * 10) / 10.0;
    }
}
