package org.pipelineledger.command.imports;

/**
 * One problem of one row of the pipeline file.
 *
 * @param row           the file's line number on which the row starts (the header is line 1)
 * @param opportunityId the row's {@code opportunity_id} as written, null when empty
 * @param column        the column at fault, null when the row as a whole is
 * @param value         the value at fault as written, null when empty
 * @param rule          which rule reported it
 * @param action        whether the row was imported anyway or rejected ({@link Rule#action()})
 * @param problem       what is wrong
 * @param done          what the import did about it
 */
public record RowProblem(long row, String opportunityId, String column, String value, Rule rule, Rule.Action action,
                         String problem, String done) {

    static RowProblem of(ExportFile.Row row, String column, Rule rule, String problem, String done) {
        return new RowProblem(row.line(), row.get("opportunity_id"), column, column == null ? null : row.get(column),
                rule, rule.action(), problem, done);
    }
}
