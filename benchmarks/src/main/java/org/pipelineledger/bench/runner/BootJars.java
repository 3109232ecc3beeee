package org.pipelineledger.bench.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads the application's own classes out of a repackaged Spring Boot jar, which a plain classpath cannot use. */
final class BootJars {

    private static final String CLASSES = "BOOT-INF/classes/";

    private BootJars() {
    }

    static boolean isBootJar(Path file) throws IOException {
        if (!Files.isRegularFile(file) || !file.toString().endsWith(".jar")) {
            return false;
        }
        try (ZipFile jar = new ZipFile(file.toFile())) {
            return jar.getEntry(CLASSES) != null || jar.stream().anyMatch(e -> e.getName().startsWith(CLASSES));
        }
    }

    /** Extracts BOOT-INF/classes into {@code into}/&lt;jar name&gt;, replacing what an earlier run left there. */
    static Path extractClasses(Path bootJar, Path into) throws IOException {
        Path target = into.resolve(bootJar.getFileName().toString().replace(".jar", ""));
        Runner.deleteTree(target);
        try (ZipFile jar = new ZipFile(bootJar.toFile())) {
            Enumeration<? extends ZipEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
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
