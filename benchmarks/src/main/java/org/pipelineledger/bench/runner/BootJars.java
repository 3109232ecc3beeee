package org.pipelineledger.bench.runner;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The application among the harness's runtime dependencies (target/classpath.txt, which dependency:build-classpath
 * writes at build time): a repackaged Spring Boot jar once packaged, whose own classes sit under BOOT-INF/classes
 * where a plain classpath cannot use them; before packaging, in the reactor, the app's classes directory.
 */
final class BootJars {

    private static final String CLASSES = "BOOT-INF/classes/";

    private BootJars() {
    }

    /** The forked JVMs' classpath: this module's classes and the dependencies, a Boot jar's classes extracted. */
    static String classpath(Path home) {
        Path target = home.resolve("target");
        List<String> entries = new ArrayList<>(List.of(target.resolve("classes").toString()));
        try {
            for (Path entry : dependencies(home)) {
                entries.add((isBootJar(entry) ? extractClasses(entry, target.resolve("app-classes")) : entry).toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The application's Boot jar, as a user would start it; empty when the app is only a classes directory. */
    static Optional<Path> find(Path home) throws IOException {
        for (Path entry : dependencies(home)) {
            if (isBootJar(entry)) {
                return Optional.of(entry.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static List<Path> dependencies(Path home) throws IOException {
        Path dependencies = home.resolve("target").resolve("classpath.txt");
        if (!Files.exists(dependencies)) {
            throw new IllegalStateException(dependencies + " is missing: build the module first (benchmarks/run.sh does)");
        }
        List<Path> entries = Arrays.stream(Files.readString(dependencies).trim().split(File.pathSeparator))
                .map(Path::of).toList();
        for (Path entry : entries) {
            // built without -am, Maven resolves the ledger's modules from the local repository: an older build
            if (entry.toString().replace(File.separatorChar, '/').contains("/org/pipelineledger/")) {
                throw new IllegalStateException(entry + " is not this working tree's build of the ledger: build with"
                        + " `./mvnw -pl benchmarks -am package -DskipTests` (benchmarks/run.sh does)");
            }
        }
        return entries;
    }

    private static boolean isBootJar(Path file) throws IOException {
        if (!Files.isRegularFile(file) || !file.toString().endsWith(".jar")) {
            return false;
        }
        try (ZipFile jar = new ZipFile(file.toFile())) {
            return jar.getEntry(CLASSES) != null || jar.stream().anyMatch(e -> e.getName().startsWith(CLASSES));
        }
    }

    /** Extracts BOOT-INF/classes into {@code into}/&lt;jar name&gt;, replacing what an earlier run left there. */
    private static Path extractClasses(Path bootJar, Path into) throws IOException {
        Path target = into.resolve(bootJar.getFileName().toString().replace(".jar", ""));
        Runner.deleteTree(target);
        try (ZipFile jar = new ZipFile(bootJar.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (!entry.getName().startsWith(CLASSES) || entry.isDirectory()) {
                    continue;
                }
                Path file = target.resolve(entry.getName().substring(CLASSES.length())).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("entry outside the target directory: " + entry.getName());
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }
}
