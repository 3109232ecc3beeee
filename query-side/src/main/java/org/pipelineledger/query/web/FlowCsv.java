package org.pipelineledger.query.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pipelineledger.query.flow.ConversionReport;
import org.pipelineledger.query.flow.CoverageReport;
import org.pipelineledger.query.flow.Waterfall;

/**
 * The flow metrics as CSV (RFC 4180: a header line, then one line per row, CRLF, fields quoted when they hold a comma,
 * a quote or a line break). A null is an empty field. A text that a spreadsheet would take for a formula (starting
 * with {@code =}, {@code +}, {@code -} or {@code @}) is written with a leading {@code '}.
 */
final class FlowCsv {

    static final String MEDIA_TYPE = "text/csv";

    private FlowCsv() {
    }

    static String conversion(ConversionReport report) {
        return csv(List.of("stage", "entered", "advanced", "cameBack", "won", "toNextStage", "toWon"),
                report.stages().stream().map(s -> List.of(text(s.stage()), s.entered(), s.advanced(), s.cameBack(),
                        s.won(), number(s.toNextStage()), number(s.toWon()))));
    }

    static String waterfall(Waterfall waterfall) {
        return csv(List.of("line", "count", "value"), Stream.of(
                line("openAtStart", waterfall.openAtStart()), line("created", waterfall.created()),
                line("pulledIn", waterfall.pulledIn()), line("won", waterfall.won()), line("lost", waterfall.lost()),
                line("slippedOut", waterfall.slippedOut()), line("amountChanged", waterfall.amountChanged()),
                line("openAtEnd", waterfall.openAtEnd())));
    }

    static String coverage(CoverageReport report) {
        return csv(List.of("kind", "name", "openDeals", "openValue", "target", "coverage", "belowThreeTimes"),
                report.rows().stream().map(r -> List.of(r.kind().name(), text(r.name()), r.openDeals(),
                        number(r.openValue()), number(r.target()), number(r.coverage()),
                        r.belowThreeTimes() == null ? "" : r.belowThreeTimes())));
    }

    private static List<Object> line(String name, Waterfall.Line line) {
        return List.of(name, line.count(), number(line.value()));
    }

    /** A header line and the rows, each field quoted as needed; shared with the timeline ({@link TimelineCsv}). */
    static String csv(List<String> header, Stream<List<Object>> rows) {
        return Stream.concat(Stream.of(List.<Object>copyOf(header)), rows)
                .map(row -> row.stream().map(field -> quoted(field.toString())).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    private static String number(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** Names come from users: never a formula in a spreadsheet. */
    static String text(String value) {
        return !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String quoted(String field) {
        boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }
}
