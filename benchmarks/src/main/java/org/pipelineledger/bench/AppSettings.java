package org.pipelineledger.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Settings read from the application's own application.yml, so the benchmark never drifts from what the app uses. */
public final class AppSettings {

    public static final String FALLBACK_URL = "jdbc:h2:file:./data/pipeline-ledger;CACHE_SIZE=65536;DB_CLOSE_ON_EXIT=FALSE";
    /** The embedded profile's demo ADMIN (issue 2): may send every command. */
    public static final String USER = "admin";
    public static final String PASSWORD = "demo";

    private AppSettings() {
    }

    /** spring.datasource.url: relative to the working directory, which the runner sets to the run's own directory. */
    public static String datasourceUrl(H2Mode mode) {
        return mode == H2Mode.MEM ? "jdbc:h2:mem:pipeline-ledger;DB_CLOSE_DELAY=-1" : appUrl();
    }

    private static String appUrl() {
        try (InputStream yml = AppSettings.class.getClassLoader().getResourceAsStream("application.yml")) {
            if (yml == null) {
                return FALLBACK_URL;
            }
            for (Object document : new Yaml().loadAll(yml)) {
                if (document instanceof Map<?, ?> root
                        && root.get("spring") instanceof Map<?, ?> spring
                        && spring.get("datasource") instanceof Map<?, ?> datasource
                        && datasource.get("url") instanceof String url) {
                    return url;
                }
            }
            return FALLBACK_URL;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
