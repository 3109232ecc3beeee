package org.pipelineledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A small client for the ledger's HTTP API (issue 2): HTTP/1.1, Basic authentication as the embedded profile's demo
 * ADMIN, who may send every command; with the two readings the scenarios wait for, the board's open deals and the
 * read models' status.
 */
public final class LedgerHttp {

    public static final String BOARD_PATH = "/api/board?pipeline=default";
    static final String READ_MODELS_PATH = "/api/read-models/status";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String baseUrl;
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));

    public LedgerHttp(String baseUrl) {
        this(baseUrl, null);
    }

    public LedgerHttp(String baseUrl, Executor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (executor != null) {
            builder.executor(executor);
        }
        this.client = builder.build();
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public HttpRequest getRequest(String path) {
        return request(path).GET().build();
    }

    public HttpRequest postRequest(String path, String json) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** A POST of a body that is not JSON (a multipart upload), allowed two minutes. */
    public HttpRequest postRequest(String path, String contentType, byte[] body) {
        return request(path).header("Content-Type", contentType).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(getRequest(path), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A background job the ledger accepted with 202 and a {@code Location} (an import, a verification): its state
     * read every {@code every} until its {@code status} is no longer {@code RUNNING}, at most 30 minutes; the last
     * state read. Not accepted: an {@link IllegalStateException} with the answer.
     */
    public JsonNode awaitJob(HttpResponse<String> accepted, Duration every) throws Exception {
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(accepted.request().method() + " " + accepted.uri().getPath()
                    + " answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode[] job = new JsonNode[1];
        Poll.until(Duration.ofMinutes(30), every, () -> {
            job[0] = JSON.readTree(get(location).body());
            return !"RUNNING".equals(job[0].path("status").asText());
        });
        return job[0];
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(postRequest(path, json), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<Void>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client.send(request, handler);
    }

    /** Open deals on the board, or -1 when the board does not answer 200: tells when a rebuilt board answers in full. */
    public long openDealsOnBoard() throws IOException, InterruptedException {
        HttpResponse<String> response = get(BOARD_PATH);
        return response.statusCode() == 200 ? openDeals(JSON.readTree(response.body())) : -1;
    }

    static long openDeals(JsonNode board) {
        if (!board.path("openCount").canConvertToLong()) {
            String text = board.toString();
            throw new IllegalStateException("the board has no openCount: " + (text.length() > 300
                    ? text.substring(0, 300) + "..." : text));
        }
        return board.get("openCount").asLong();
    }

    /**
     * The read models as {@code GET /api/read-models/status} reports them: whether every processor is up to date,
     * and how many stored events the slowest one has not projected yet (empty while none has claimed a segment).
     */
    public ReadModels readModels() throws IOException, InterruptedException {
        HttpResponse<String> response = get(READ_MODELS_PATH);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " " + READ_MODELS_PATH + ": " + response.body());
        }
        JsonNode status = JSON.readTree(response.body());
        long backlog = -1;
        for (JsonNode processor : status.path("processors")) {
            if (processor.path("failing").asBoolean()) {
                throw new IllegalStateException("processor " + processor.path("name").asText() + " is failing");
            }
            if (processor.hasNonNull("behind")) {
                backlog = Math.max(backlog, processor.path("behind").asLong());
            }
        }
        return new ReadModels(status.path("upToDate").asBoolean(),
                backlog < 0 ? OptionalLong.empty() : OptionalLong.of(backlog));
    }

    public record ReadModels(boolean upToDate, OptionalLong backlog) {
    }
}
