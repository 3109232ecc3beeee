package org.pipelineledger.command.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/** What makes a file an export's file, and how its rows are read: RFC 4180 quoting, line numbers, the bytes. */
class ExportFileTest {

    static final String HEADER = "product,series,sales_price\n";

    static ExportFile copy(ExportPart part, byte[] bytes) throws IOException {
        return ExportFile.copy(part, "upload.csv", new ByteArrayInputStream(bytes));
    }

    static ExportFile copy(ExportPart part, String text) throws IOException {
        return copy(part, text.getBytes(StandardCharsets.UTF_8));
    }

    static List<ExportFile.Row> rows(String text) throws IOException {
        try (ExportFile file = copy(ExportPart.PRODUCTS, text)) {
            return file.allRows();
        }
    }

    private static void assertRefused(ExportPart part, byte[] bytes, String why) {
        assertThatThrownBy(() -> copy(part, bytes))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.NOT_AN_EXPORT))
                .hasMessageContaining(why).hasMessageContaining("upload.csv");
    }

    private static void assertRefused(String text, String why) {
        assertRefused(ExportPart.PRODUCTS, text.getBytes(StandardCharsets.UTF_8), why);
    }

    @Test
    void aQuotedFieldMayHoldCommasDoubledQuotesAndLineBreaks() throws IOException {
        List<ExportFile.Row> rows = rows(HEADER + "\"GTX, \"\"Pro\"\"\",GTX,4821\n\"MG\nSpecial\",MG,55\nGTK 500,GTK,26768\n");

        assertThat(rows).extracting(row -> row.get("product")).containsExactly("GTX, \"Pro\"", "MG\nSpecial", "GTK 500");
        assertThat(rows).extracting(ExportFile.Row::line).as("the line each row starts on").containsExactly(2L, 3L, 5L);
        assertThat(rows).allMatch(row -> row.malformed() == null);
    }

    @Test
    void columnsMayComeInAnyOrderAndLinesMayEndWithCrLf() throws IOException {
        List<ExportFile.Row> rows = rows("sales_price,product,series\r\n4821,GTX Pro,GTX\r\n\r\n55,MG Special,MG");

        assertThat(rows).extracting(row -> row.get("product")).containsExactly("GTX Pro", "MG Special");
        assertThat(rows.get(1).get("sales_price")).isEqualTo("55");
        assertThat(rows.get(1).line()).isEqualTo(4);
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumn() throws IOException {
        try (ExportFile file = copy(ExportPart.PRODUCTS, "\uFEFF" + HEADER + "GTX Pro,GTX,4821\n")) {
            assertThat(file.rows()).isEqualTo(1);
            assertThat(file.allRows().get(0).get("product")).isEqualTo("GTX Pro");
        }
    }

    @Test
    void aRowWithMoreOrFewerFieldsThanTheHeaderOrAnUnclosedQuoteIsMalformed() throws IOException {
        List<ExportFile.Row> rows = rows(HEADER + "GTX Pro,GTX\nGTX Pro,GTX,1,2\n\"GTX\"x,GTX,1\n\"open,GTX,1\n");

        assertThat(rows).extracting(ExportFile.Row::malformed).containsExactly(
                "the row has 2 fields where the header has 3", "the row has 4 fields where the header has 3",
                "text after a closing quote", "a quoted field is not closed before the end of the file");
    }

    @Test
    void anotherDelimiterIsRefused() {
        assertRefused(HEADER.replace(',', ';') + "GTX Pro;GTX;4821\n", "separated by ';'");
        assertRefused(HEADER.replace(',', '\t') + "GTX Pro\tGTX\t4821\n", "separated by tabs");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirOffset() {
        byte[] latin1 = (HEADER + "Caf\u00e9,GTX,1\n").getBytes(StandardCharsets.ISO_8859_1);

        assertRefused(ExportPart.PRODUCTS, latin1, "not UTF-8: the bytes at offset " + (HEADER.length() + 3));
    }

    @Test
    void aCharacterSplitAcrossTheCopysBuffersIsStillUtf8() throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        while (text.length() < 16 * 1024 - 1) {
            text.append("a");
        }
        text.append("\u00e9,GTX,1\n");
        try (ExportFile file = copy(ExportPart.PRODUCTS, text.toString())) {
            assertThat(file.rows()).isEqualTo(1);
        }
    }

    @Test
    void anEmptyFileOrOnlyAHeaderIsRefused() {
        assertRefused("", "the file is empty");
        assertRefused(HEADER, "a header but no rows");
        assertRefused(HEADER + "\n\n", "a header but no rows");
    }

    @Test
    void theHeaderMustBeExactlyThePartsColumns() {
        assertRefused("product,sales_price\nGTX Pro,4821\n", "missing columns [series]");
        assertRefused(HEADER.strip() + ",colour\nGTX Pro,GTX,4821,red\n", "unknown columns [colour]");
        assertRefused("product,series,sales_price,product\nGTX Pro,GTX,4821,x\n", "repeated columns [product]");
        assertRefused(ExportPart.PIPELINE, (HEADER + "GTX Pro,GTX,4821\n").getBytes(StandardCharsets.UTF_8),
                "missing columns [opportunity_id, sales_agent, account, deal_stage, engage_date, close_date, "
                        + "close_value], unknown columns [series, sales_price]");
    }

    @Test
    void aFieldIsWrittenBackQuotedOnlyWhenItMustBe() {
        assertThat(CsvReader.quote("GTX Pro")).isEqualTo("GTX Pro");
        assertThat(CsvReader.quote("a, \"b\"")).isEqualTo("\"a, \"\"b\"\"\"");
        assertThat(CsvReader.quote(null)).isEmpty();
    }
}
