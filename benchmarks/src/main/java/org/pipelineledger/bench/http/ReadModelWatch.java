package org.pipelineledger.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.pipelineledger.bench.LedgerHttp;

/**
 * The read models as the load process sees them, through the app's {@code GET /api/read-models/status}: how many
 * stored events the slowest processor has not projected yet, and how long until every processor has.
 */
final class ReadModelWatch {

    static final String PATH = "/api/read-models/status";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerHttp http;

    ReadModelWatch(LedgerHttp http) {
        this.http = http;
    }

    /** One reading of the status. */
    record Status(boolean upToDate, OptionalLong backlog) {
    }

    Status status() throws Exception {
        HttpResponse<String> response = http.get(PATH);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " " + PATH + ": " + response.body());
        }
        JsonNode status = JSON.readTree(response.body());
        // the slowest processor bounds the read models; one with no segment claimed has no "behind" (unknown)
        long backlog = -1;
        for (JsonNode processor : status.path("processors")) {
            if (processor.path("failing").asBoolean()) {
                throw new IllegalStateException("processor " + processor.path("name").asText() + " is failing");
            }
            if (processor.hasNonNull("behind")) {
                backlog = Math.max(backlog, processor.path("behind").asLong());
            }
        }
        return new Status(status.path("upToDate").asBoolean(),
                backlog < 0 ? OptionalLong.empty() : OptionalLong.of(backlog));
    }

    /** Polls every 20 ms until the read models are up to date; the seconds that took, empty after {@code timeout}. */
    OptionalDouble secondsToUpToDate(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status().upToDate()) {
                return OptionalDouble.of((System.nanoTime() - start) / 1e9);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return OptionalDouble.empty();
    }
}
