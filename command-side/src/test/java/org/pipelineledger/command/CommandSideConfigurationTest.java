package org.pipelineledger.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.junit.jupiter.api.Test;

class CommandSideConfigurationTest {

    private final PersistenceExceptionResolver resolver = new CommandSideConfiguration().uniqueViolationResolver();

    @Test
    void aUniqueViolationAsThePostgresDriverReportsItIsADuplicateKey() {
        // PSQLException is a plain SQLException carrying the state, wrapped by Axon's storage engine
        assertThat(resolver.isDuplicateKeyViolation(
                new RuntimeException(new SQLException("duplicate key value violates unique constraint", "23505"))))
                .isTrue();
    }

    @Test
    void aUniqueViolationAsH2ReportsItIsADuplicateKey() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLIntegrityConstraintViolationException("dup", "23505")))
                .isTrue();
    }

    @Test
    void otherIntegrityViolationsAreNotDuplicateKeys() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLIntegrityConstraintViolationException("null", "23502")))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("boom"))).isFalse();
    }
}
