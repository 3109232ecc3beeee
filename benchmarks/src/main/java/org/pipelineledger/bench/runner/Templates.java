package org.pipelineledger.bench.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.pipelineledger.bench.ChildMain;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Variant;

/**
 * Seeded databases (file mode), prepared once per size by the tuned app and copied for every run. With
 * {@code --templates DIR} they are kept under DIR and reused by later invocations once their {@code prepared.txt},
 * written only after a successful preparation, exists; the app migrates a reused one forward at start.
 */
final class Templates {

    private static final String PREPARED = "prepared.txt";

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
        String shared = settings.args().string("templates", null);
        Path dir = (shared != null ? Path.of(shared) : settings.work().resolve("templates")).resolve(key);
        Path marker = dir.resolve(PREPARED);
        if (shared != null && Files.exists(marker)) {
            String when = Files.readString(marker).trim();
            System.out.printf("reusing template %s from %s (%s)%n", key, dir, when);
            reports.put(key, new ChildResult().info("reused", dir + " (" + when + ")"));
            prepared.put(key, dir);
            return dir;
        }
        Runner.deleteTree(dir); // what an interrupted preparation left there, which seeding again would add to
        System.out.printf("preparing template %s (%,d events) ...%n", key, (long) deals * eventsPerDeal);
        ChildResult result = forks.runChild(dir, ChildMain.PREPARE_TEMPLATE, Variant.T,
                Map.of("deals", deals, "events-per-deal", eventsPerDeal));
        reports.put(key, result);
        if (result.errors() > 0) {
            throw new IllegalStateException("preparing template " + key + " failed: " + result.info());
        }
        Files.writeString(marker, "prepared " + Instant.now() + "\n");
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
