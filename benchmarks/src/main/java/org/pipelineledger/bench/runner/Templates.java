package org.pipelineledger.bench.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Variant;
import org.pipelineledger.bench.replay.PrepareTemplate;

/** Seeded databases (file mode), prepared once per size by the tuned app and copied for every run. */
final class Templates {

    private final Settings settings;
    private final Forks forks;
    private final Map<String, Path> prepared = new HashMap<>();
    private final Map<String, ChildResult> reports = new HashMap<>();

    Templates(Settings settings, Forks forks) {
        this.settings = settings;
        this.forks = forks;
    }

    /** The template's working directory (its database is under data/), preparing it on first use. */
    Path prepare(int deals, int eventsPerDeal) throws IOException, InterruptedException {
        String key = deals + "x" + eventsPerDeal;
        Path existing = prepared.get(key);
        if (existing != null) {
            return existing;
        }
        Path dir = settings.work().resolve("templates").resolve(key);
        System.out.printf("preparing template %s (%,d events) ...%n", key, (long) deals * eventsPerDeal);
        ChildResult result = forks.runChild(dir, PrepareTemplate.class.getName(), List.of(
                "--variant", Variant.T.name(), "--deals", String.valueOf(deals),
                "--events-per-deal", String.valueOf(eventsPerDeal)));
        reports.put(key, result);
        if (result.errors() > 0) {
            throw new IllegalStateException("preparing template " + key + " failed: " + result.info());
        }
        prepared.put(key, dir);
        return dir;
    }

    Map<String, ChildResult> reports() {
        return reports;
    }

    static void copyDatabase(Path template, Path runDir) {
        Path from = template.resolve("data");
        Path to = runDir.resolve("data");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
