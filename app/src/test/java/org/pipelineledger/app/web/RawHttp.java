package org.pipelineledger.app.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 typed by hand over a socket: the request goes out byte for byte as written, so that paths, headers and
 * bodies an HTTP client would normalise or refuse to send reach the server as they are.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** A parsed answer; header names compared case-insensitively. */
    record Reply(int status, List<String[]> headers, String body) {

        String header(String name) {
            return headers.stream().filter(header -> header[0].equalsIgnoreCase(name)).map(header -> header[1])
                    .findFirst().orElse(null);
        }

        List<String> all(String name) {
            return headers.stream().filter(header -> header[0].equalsIgnoreCase(name)).map(header -> header[1])
                    .toList();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder().append(status).append('\n');
            headers.forEach(header -> text.append(header[0]).append(": ").append(header[1]).append('\n'));
            return text.append('\n').append(body).toString();
        }
    }

    /** Basic credentials for a demo user. */
    static String basic(String user) {
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request head as given (lines without CRLF), then the body bytes, and reads the whole answer. */
    Reply send(String requestLine, List<String> headerLines, byte[] body) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        write(head, requestLine + "\r\n");
        write(head, "Host: localhost:" + port + "\r\n");
        write(head, "Connection: close\r\n");
        headerLines.forEach(line -> write(head, line + "\r\n"));
        write(head, "\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            if (body != null) {
                try {
                    out.write(body);
                } catch (SocketException closedEarly) {
                    // the server may answer and close before it has read a body it refuses; the answer still counts
                }
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body in chunked transfer coding, in chunks of 8 KiB, with the closing zero-size chunk. */
    static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 8192) {
            int size = Math.min(8192, body.length - at);
            write(out, Integer.toHexString(size) + "\r\n");
            out.write(body, at, size);
            write(out, "\r\n");
        }
        write(out, "0\r\n\r\n");
        return out.toByteArray();
    }

    Reply get(String path, String... headerLines) {
        return send("GET " + path + " HTTP/1.1", List.of(headerLines), null);
    }

    /**
     * Reads one answer by its framing (Content-Length or chunked), not until the connection closes: a server that
     * refuses a body it was promised may keep the connection open to drain a body that never comes.
     */
    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("the connection closed before the answer's head ended: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).trim().split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
        }
        Reply framing = new Reply(status, headers, "");
        byte[] body;
        String length = framing.header("Content-Length");
        String encoding = framing.header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else {
            body = readToEnd(in);
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (SocketException reset) {
            // a server that refuses a body it did not read may reset the connection after answering
        }
        return all.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
