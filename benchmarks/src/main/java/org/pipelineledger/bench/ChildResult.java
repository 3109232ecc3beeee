package org.pipelineledger.bench;

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
public final class ChildResult {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metrics", metrics);
        json.put("info", info);
        json.put("errors", errors);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static ChildResult read(Path file) {
        try {
            Map<String, Object> json = JSON.readValue(file.toFile(), Map.class);
            ChildResult result = new ChildResult();
            ((Map<String, Number>) json.getOrDefault("metrics", Map.of()))
                    .forEach((k, v) -> result.metrics.put(k, v.doubleValue()));
            result.info.putAll((Map<String, Object>) json.getOrDefault("info", Map.of()));
            result.errors = ((Number) json.getOrDefault("errors", 0)).longValue();
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
