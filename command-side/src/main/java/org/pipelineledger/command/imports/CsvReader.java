package org.pipelineledger.command.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated records as RFC 4180 writes them, one at a time: fields may be quoted, a quoted field may hold
 * commas, line breaks and doubled quotes ({@code ""} for one {@code "}), and records end with LF, CRLF or CR. A quote
 * inside an unquoted field is kept as written; text after a closing quote, or a quote left open at the end of the
 * file, marks the record malformed rather than guessing what was meant.
 */
final class CsvReader implements Closeable {

    private static final int END = -1;

    /**
     * One record.
     *
     * @param line      the file's line number (from 1) on which the record starts
     * @param fields    the fields, unquoted
     * @param malformed why the record is not valid CSV, or null
     */
    record CsvRecord(long line, List<String> fields, String malformed) {

        /** A line with nothing on it: not a record of the export. */
        boolean isBlank() {
            return fields.size() == 1 && fields.get(0).isEmpty() && malformed == null;
        }
    }

    private final Reader in;
    private long line = 1;
    private int pushedBack = -2;

    CsvReader(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the file. */
    CsvRecord next() throws IOException {
        int c = read();
        if (c == END) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        String malformed = null;
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"' && field.isEmpty()) {
                c = quoted(field);
                if (c == -2) {
                    malformed = "a quoted field is not closed before the end of the file";
                    c = END;
                } else if (c != ',' && c != '\n' && c != '\r' && c != END) {
                    malformed = "text after a closing quote";
                    while (c != ',' && c != '\n' && c != '\r' && c != END) {
                        field.append((char) c);
                        c = read();
                    }
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != END) {
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c == ',') {
                c = read();
                continue;
            }
            endOfLine(c);
            return new CsvRecord(start, List.copyOf(fields), malformed);
        }
    }

    /** Reads a quoted field after its opening quote; answers the character after the closing quote, -2 if none. */
    private int quoted(StringBuilder field) throws IOException {
        while (true) {
            int c = read();
            if (c == END) {
                return -2;
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    return after;
                }
            } else if (c == '\r' || c == '\n') {
                endOfLine(c);
                field.append('\n');
                continue;
            }
            field.append((char) c);
        }
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int after = read();
            if (after != '\n') {
                pushedBack = after;
            }
        }
        if (c == '\r' || c == '\n') {
            line++;
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** One field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
    static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
