package org.pipelineledger.app.postgres;

import java.util.ArrayList;
import java.util.List;
import org.pipelineledger.app.PipelineLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The application as production runs it (its main class, profile {@code postgres}) on a PostgreSQL database of the
 * test's choosing, with the users of {@link #USERS} configured (that profile has none), each with password
 * {@code demo}.
 */
final class LedgerOnPostgres {

    /** user:ROLE; {@code {noop}} so that a test spends its time on commands, not on bcrypt. */
    static final List<String> USERS = List.of("rep:REP", "manager:MANAGER", "analyst:ANALYST", "auditor:AUDITOR",
            "admin:ADMIN");

    private LedgerOnPostgres() {
    }

    static ConfigurableApplicationContext start(String jdbcUrl, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.main.banner-mode=off",
                "--logging.level.org.axonframework=WARN",
                "--logging.level.io.zonky.test=WARN"));
        for (int i = 0; i < USERS.size(); i++) {
            String[] user = USERS.get(i).split(":");
            arguments.add("--ledger.security.users[" + i + "].name=" + user[0]);
            arguments.add("--ledger.security.users[" + i + "].password={noop}demo");
            arguments.add("--ledger.security.users[" + i + "].roles=" + user[1]);
        }
        arguments.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(PipelineLedgerApplication.class)
                .main(PipelineLedgerApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton(
                        TestComponentsExcluded.class.getName(), new TestComponentsExcluded()))
                .run(arguments.toArray(String[]::new));
    }

    /** As in the scenario package's LedgerOnFiles: the application's scan must not pick up the tests' stubs. */
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
