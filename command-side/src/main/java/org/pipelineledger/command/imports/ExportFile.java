package org.pipelineledger.command.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pipelineledger.command.imports.CsvReader.CsvRecord;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * One file of an export, copied to a temporary file while its bytes are checked, then read row by row from there:
 * the upload is never held in memory. {@link #copy} refuses, with 422 {@code NOT_AN_EXPORT}, a file that is empty,
 * not UTF-8 (a byte order mark is allowed), delimited by something other than commas, whose header is not exactly the
 * part's columns (in any order), or that has no row under its header.
 */
final class ExportFile implements AutoCloseable {

    /** A data row: its line number in the file and its fields by column, surrounding spaces removed. */
    record Row(long line, Map<String, String> values, String malformed) {

        /** The column's value; null when it is empty. */
        String get(String column) {
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    private final ExportPart part;
    private final String name;
    private final Path path;
    private final List<String> header;
    private final int rows;

    private ExportFile(ExportPart part, String name, Path path, List<String> header, int rows) {
        this.part = part;
        this.name = name;
        this.path = path;
        this.header = header;
        this.rows = rows;
    }

    /**
     * Copies {@code content} to a temporary file and checks it.
     *
     * @param name what to call the file in a refusal (the upload's or the command line's file name)
     * @throws LedgerException {@code NOT_AN_EXPORT} saying why; the temporary file is gone then
     */
    static ExportFile copy(ExportPart part, String name, InputStream content) throws IOException {
        Path path = Files.createTempFile("ledger-import-" + part.partName() + "-", ".csv");
        try {
            long bytes = copyCheckingUtf8(part, name, content, path);
            if (bytes == 0) {
                throw refused(part, name, "the file is empty");
            }
            List<String> header = checkedHeader(part, name, path);
            int rows = countRows(path);
            if (rows == 0) {
                throw refused(part, name, "the file has a header but no rows");
            }
            return new ExportFile(part, name, path, header, rows);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    private static long copyCheckingUtf8(ExportPart part, String name, InputStream content, Path path)
            throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buffer = new byte[16 * 1024];
        ByteBuffer pending = ByteBuffer.allocate(buffer.length + 8);
        CharBuffer chars = CharBuffer.allocate(buffer.length);
        long decoded = 0;
        try (OutputStream out = Files.newOutputStream(path)) {
            int read;
            while ((read = content.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                pending.put(buffer, 0, read).flip();
                decoded += decode(part, name, decoder, pending, chars, false, decoded);
                pending.compact();
            }
            pending.flip();
            decoded += decode(part, name, decoder, pending, chars, true, decoded);
            if (pending.hasRemaining()) {
                throw notUtf8(part, name, decoded);
            }
        }
        return Files.size(path);
    }

    /** Decodes what is pending (the chars are thrown away); answers how many bytes it consumed. */
    private static int decode(ExportPart part, String name, CharsetDecoder decoder, ByteBuffer pending,
                              CharBuffer chars, boolean end, long offset) {
        int start = pending.position();
        while (true) {
            CoderResult result = decoder.decode(pending, chars, end);
            if (result.isError()) {
                throw notUtf8(part, name, offset + pending.position() - start);
            }
            chars.clear();
            if (!result.isOverflow()) {
                return pending.position() - start;
            }
        }
    }

    private static LedgerException notUtf8(ExportPart part, String name, long offset) {
        return refused(part, name, "the file is not UTF-8: the bytes at offset " + offset
                + " are no UTF-8 character (save the export as UTF-8)");
    }

    private static List<String> checkedHeader(ExportPart part, String name, Path path) throws IOException {
        List<String> header;
        try (CsvReader reader = reader(path)) {
            CsvRecord record = reader.next();
            header = record == null ? List.of() : record.fields().stream().map(String::strip).toList();
        }
        if (header.size() == 1) {
            for (String delimiter : List.of(";", "\t", "|")) {
                if (header.get(0).contains(delimiter)) {
                    throw refused(part, name, "the columns are separated by "
                            + ("\t".equals(delimiter) ? "tabs" : "'" + delimiter + "'") + ", not by commas");
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> repeated = new ArrayList<>();
        for (String column : header) {
            if (!seen.add(column)) {
                repeated.add(column);
            }
        }
        List<String> missing = part.columns().stream().filter(column -> !seen.contains(column)).toList();
        List<String> unknown = header.stream().filter(column -> !part.columns().contains(column)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty() || !repeated.isEmpty()) {
            List<String> why = new ArrayList<>();
            if (!missing.isEmpty()) {
                why.add("missing columns " + missing);
            }
            if (!unknown.isEmpty()) {
                why.add("unknown columns " + unknown);
            }
            if (!repeated.isEmpty()) {
                why.add("repeated columns " + repeated);
            }
            throw refused(part, name, "the header must be exactly the columns " + part.columns()
                    + " in any order: " + String.join(", ", why));
        }
        return header;
    }

    private static int countRows(Path path) throws IOException {
        int rows = 0;
        try (CsvReader reader = reader(path)) {
            reader.next();
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                if (!record.isBlank()) {
                    rows++;
                }
            }
        }
        return rows;
    }

    /** The file as characters, without its byte order mark. */
    private static CsvReader reader(Path path) throws IOException {
        BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return new CsvReader(reader);
    }

    static LedgerException refused(ExportPart part, String name, String why) {
        return new LedgerException(ProblemCode.NOT_AN_EXPORT,
                "'" + name + "' (part " + part.partName() + ") cannot be the export's " + part.partName()
                        + " file: " + why + "; nothing was imported");
    }

    ExportPart part() {
        return part;
    }

    String name() {
        return name;
    }

    /** Data rows, blank lines not counted. */
    int rows() {
        return rows;
    }

    /** Hands every data row to {@code consumer}, in file order, reading one at a time. */
    void forEachRow(RowConsumer consumer) throws IOException {
        try (CsvReader reader = reader(path)) {
            reader.next();
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                if (record.isBlank()) {
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size() && i < record.fields().size(); i++) {
                    values.put(header.get(i), record.fields().get(i));
                }
                String malformed = record.malformed();
                if (malformed == null && record.fields().size() != header.size()) {
                    malformed = "the row has " + record.fields().size() + " fields where the header has "
                            + header.size();
                }
                if (!consumer.accept(new Row(record.line(), values, malformed))) {
                    return;
                }
            }
        }
    }

    /** Takes one row; answers false to stop reading. */
    @FunctionalInterface
    interface RowConsumer {
        boolean accept(Row row) throws IOException;
    }

    /** Every row, for the small reference files (teams, accounts, products). */
    List<Row> allRows() {
        List<Row> all = new ArrayList<>();
        try {
            forEachRow(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
