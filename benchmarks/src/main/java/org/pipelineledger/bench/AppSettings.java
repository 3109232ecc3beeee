package org.pipelineledger.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Settings read from the application's own application.yml, so the benchmark never drifts from what the app uses;
 * without it the benchmark stops rather than fall back to a copy of the URL (which had to follow every change to
 * the app's).
 */
public final class AppSettings {

    /** The embedded profile's demo ADMIN (issue 2): may send every command. */
    public static final String USER = "admin";
    public static final String PASSWORD = "demo";

    private AppSettings() {
    }

    /** spring.datasource.url: relative to the working directory, which the runner sets to the run's own directory. */
    public static String datasourceUrl(H2Mode mode) {
        return mode == H2Mode.MEM ? "jdbc:h2:mem:pipeline-ledger;DB_CLOSE_DELAY=-1" : appUrl();
    }

    /**
     * The size in MB of the H2 files under the run's {@code ./data} directory (where the app's URL puts them), or
     * -1 in memory mode. H2's MVStore writes changed pages to new places and reuses space later, so the file's growth
     * shows how much the run wrote, not only how much it keeps.
     */
    public static double databaseFileMb(H2Mode mode) {
        if (mode == H2Mode.MEM) {
            return -1;
        }
        try (Stream<Path> files = Files.list(Path.of("data"))) {
            long bytes = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).toList()) {
                bytes += Files.size(file);
            }
            return bytes / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String appUrl() {
        try (InputStream yml = AppSettings.class.getClassLoader().getResourceAsStream("application.yml")) {
            if (yml == null) {
                throw new IllegalStateException("the application's application.yml is not on the benchmark's classpath"
                        + " (the app module's jar, see benchmarks/pom.xml): its H2 URL is the one RAW and T share");
            }
            for (Object document : new Yaml().loadAll(yml)) {
                if (document instanceof Map<?, ?> root
                        && root.get("spring") instanceof Map<?, ?> spring
                        && spring.get("datasource") instanceof Map<?, ?> datasource
                        && datasource.get("url") instanceof String url) {
                    return url;
                }
            }
            throw new IllegalStateException("the application's application.yml has no spring.datasource.url");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
