package org.pipelineledger.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A small client for the ledger's HTTP API (issue 2): HTTP/1.1, Basic authentication as the demo ADMIN. */
public final class LedgerHttp {

    private final HttpClient client;
    private final String baseUrl;
    private final String authorization;

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
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((AppSettings.USER + ":" + AppSettings.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    public HttpRequest getRequest(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .GET().build();
    }

    public HttpRequest postRequest(String path, String json) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(getRequest(path), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return client.send(postRequest(path, json), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<Void>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client.send(request, handler);
    }
}
