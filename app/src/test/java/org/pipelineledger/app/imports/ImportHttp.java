package org.pipelineledger.app.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The import API as a client sees it: multipart uploads and reads over real HTTP, Basic as the demo users. */
final class ImportHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    ImportHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    record Reply(int status, String contentType, String location, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** The files of an upload by part name, in order. */
    static Map<String, byte[]> parts(Object... namesAndContents) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Object content = namesAndContents[i + 1];
            parts.put((String) namesAndContents[i], content instanceof String text
                    ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) content);
        }
        return parts;
    }

    Reply upload(String user, String path, Map<String, byte[]> parts) {
        String boundary = "import-" + UUID.randomUUID();
        List<byte[]> body = new ArrayList<>();
        parts.forEach((name, content) -> {
            body.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + name + ".csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.add(content);
            body.add("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(user, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(body)));
    }

    Reply get(String user, String path, String accept) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    private Reply send(String user, HttpRequest.Builder request) {
        String credentials = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
        request.header("Authorization", "Basic " + credentials).timeout(Duration.ofSeconds(60));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Location").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
