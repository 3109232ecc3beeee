package org.pipelineledger.app.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pipelineledger.app.PipelineLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The application started as it runs in production, by its main class on an H2 file under a test's directory, for
 * the scenarios that stop it and start it again on the same file.
 */
final class LedgerOnFiles {

    private LedgerOnFiles() {
    }

    /**
     * @param singletons     beans to put into the context before it starts (a clock, say), by name
     * @param extraArguments further command-line arguments
     */
    static ConfigurableApplicationContext start(Path directory, Map<String, Object> singletons,
                                                String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + directory.resolve("ledger").toAbsolutePath(),
                "--spring.profiles.active=embedded,test",
                "--spring.main.banner-mode=off"));
        arguments.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(PipelineLedgerApplication.class)
                .main(PipelineLedgerApplication.class)
                .initializers(context -> {
                    singletons.forEach(context.getBeanFactory()::registerSingleton);
                    context.getBeanFactory().registerSingleton(TestComponentsExcluded.class.getName(),
                            new TestComponentsExcluded());
                })
                .run(arguments.toArray(String[]::new));
    }

    /**
     * Outside a test context nothing keeps the application's scan of {@code org.pipelineledger} away from test
     * components (the web slice's stub controller); this does what Spring Boot's test support does in a test context.
     */
    private static final class TestComponentsExcluded extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }
}
