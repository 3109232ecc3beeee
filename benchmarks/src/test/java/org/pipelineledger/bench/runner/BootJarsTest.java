package org.pipelineledger.bench.runner;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A harness built without {@code -am} would measure the ledger's jars in the local repository: an older build. */
class BootJarsTest {

    @Test
    void aClasspathWithTheLedgerFromTheLocalRepositoryIsRefused(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("target"));
        Files.writeString(home.resolve("target").resolve("classpath.txt"),
                "/root/.m2/repository/org/pipelineledger/query-side/0.1.0-SNAPSHOT/query-side-0.1.0-SNAPSHOT.jar");

        assertThatThrownBy(() -> BootJars.classpath(home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-am");
    }
}
