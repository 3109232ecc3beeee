package org.pipelineledger.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The {@code json-logs} profile (application-json-logs.yml): every console line one JSON object in Elastic Common
 * Schema. Only the logging is started, in a context with nothing in it; the application's own files are read as
 * when it runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Deliberately not a configuration the application's scan would find: no stereotype. */
    static class Nothing {
    }

    /**
     * Spring Boot hands the logging settings to Logback as system properties, set only where none is set yet
     * ({@code CONSOLE_LOG_STRUCTURED_FORMAT}), and keeps Logback configured while it is marked initialised: both are
     * undone after each context here, so the next one, and the other tests in this JVM, log as they would alone.
     */
    private static ConfigurableApplicationContext start(String... profiles) {
        Properties before = (Properties) System.getProperties().clone();
        LoggingSystem.get(JsonLogsTest.class.getClassLoader()).cleanUp();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE).profiles(profiles).properties("spring.main.banner-mode=off").run();
        context.addApplicationListener((ContextClosedEvent closed) ->
                System.getProperties().keySet().removeIf(name -> !before.containsKey(name)));
        return context;
    }

    /** The logging the other tests in this JVM expect: Spring Boot's console pattern. */
    @AfterAll
    static void plainLogsAgain() {
        start().close();
    }

    @Test
    void theJsonLogsProfileWritesEachLineAsAnEcsJsonObject(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("json-logs")) {
            LoggerFactory.getLogger("org.pipelineledger.shipped").warn("deal {} parked", "acme-2026");
            LoggerFactory.getLogger("org.pipelineledger.shipped").error("batch failed",
                    new IllegalStateException("database unreachable"));
        }

        List<String> lines = Arrays.stream(output.getOut().split("\\R")).filter(line -> line.contains("parked"))
                .toList();
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.path("@timestamp").asText()).isNotEmpty();
        assertThat(line.path("log").path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("log").path("logger").asText()).isEqualTo("org.pipelineledger.shipped");
        assertThat(line.path("message").asText()).isEqualTo("deal acme-2026 parked");
        assertThat(line.path("service").path("name").asText()).isEqualTo("pipeline-ledger");
        assertThat(line.path("ecs").path("version").asText()).isNotEmpty();
        assertThat(line.path("process").path("thread").path("name").asText()).isNotEmpty();

        // a stack trace stays inside its line
        List<String> failed = Arrays.stream(output.getOut().split("\\R")).filter(text -> text.contains("batch failed"))
                .toList();
        assertThat(failed).hasSize(1);
        JsonNode error = JSON.readTree(failed.get(0)).path("error");
        assertThat(error.path("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("message").asText()).isEqualTo("database unreachable");
        assertThat(error.path("stack_trace").asText()).contains("JsonLogsTest");
    }

    @Test
    void withoutItTheLinesAreText(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start()) {
            LoggerFactory.getLogger("org.pipelineledger.shipped").warn("deal {} parked as text", "acme-2026");
        }

        assertThat(Arrays.stream(output.getOut().split("\\R")).filter(line -> line.contains("parked as text")))
                .singleElement().satisfies(line -> assertThat(line).doesNotStartWith("{").contains("WARN"));
    }
}
