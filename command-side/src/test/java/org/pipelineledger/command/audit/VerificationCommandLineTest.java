package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

/** The command line's exit codes: 0 clean, 1 problems found, 2 could not run; the result as JSON on stdout. */
class VerificationCommandLineTest {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final AuditStore store = AuditStore.migrated();
    private final String deal = store.deal(4);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int run(String deal, String from, String to) {
        VerificationCommandLine commandLine = new VerificationCommandLine(store.verifier(), JSON, null, deal, from,
                to, null, false, new PrintStream(printed, true, StandardCharsets.UTF_8));
        commandLine.run(new DefaultApplicationArguments());
        return commandLine.getExitCode();
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCleanStoreExitsWithZeroAndPrintsTheResult() throws Exception {
        assertThat(run(null, null, null)).isZero();

        JsonNode result = JSON.readTree(output());
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("eventsChecked").asLong()).isEqualTo(4);
    }

    @Test
    void problemsFoundExitWithOne() throws Exception {
        store.flipByte("payload", deal, 1, 12);

        assertThat(run(null, null, null)).isEqualTo(1);

        JsonNode problem = JSON.readTree(output()).path("problems").get(0);
        assertThat(problem.path("deal").asText()).isEqualTo(deal);
        assertThat(problem.path("sequence").asLong()).isEqualTo(1);
        assertThat(problem.path("kind").asText()).isEqualTo("EDITED");
    }

    @Test
    void theScopeIsTheConfiguredOne() throws Exception {
        String other = store.deal(2);
        store.flipByte("payload", deal, 1, 12);

        assertThat(run(other, null, null)).isZero();
        assertThat(JSON.readTree(output()).path("eventsChecked").asLong()).isEqualTo(2);
    }

    @Test
    void aScopeThatIsNotOneExitsWithTwo() {
        assertThat(run(null, "ten", null)).isEqualTo(2);
        assertThat(output()).contains("INVALID_PARAMETER").contains("'from'");
    }

    @Test
    void aStoreThatCannotBeReadExitsWithTwo() {
        store.jdbc.execute("DROP TABLE audit_event_hash");

        assertThat(run(null, null, null)).isEqualTo(2);
        assertThat(output()).startsWith("Verification could not run");
    }
}
