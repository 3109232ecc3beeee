package org.pipelineledger.bench;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one forked run reports back to the runner: numeric metrics (medians are taken over runs), free-form info
 * (what actually ran, sizes, checks) and the number of unexpected errors. Written as JSON to the {@code --out} file.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ChildResult {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final Map<String, Object> info = new LinkedHashMap<>();
    private long errors;

    public ChildResult metric(String name, double value) {
        metrics.put(name, value);
        return this;
    }

    public ChildResult info(String name, Object value) {
        info.put(name, value);
        return this;
    }

    public ChildResult error(String what) {
        errors++;
        info.merge("errorSamples", what, (a, b) -> String.valueOf(a).length() > 2000 ? a : a + " | " + b);
        return this;
    }

    public ChildResult errors(long count) {
        errors += count;
        return this;
    }

    public Map<String, Double> metrics() {
        return metrics;
    }

    public Map<String, Object> info() {
        return info;
    }

    public long errors() {
        return errors;
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ChildResult read(Path file) {
        try {
            return JSON.readValue(file.toFile(), ChildResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
