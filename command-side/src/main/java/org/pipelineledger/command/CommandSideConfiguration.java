package org.pipelineledger.command;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.pipelineledger.command.opportunity.OpportunityCommandSender;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How commands become stored events: which metadata every event carries, and how the store reports a taken slot. */
@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    /** SQL state of a unique-constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Copies who asked, the request and its correlation id from each command onto every event it causes. */
    @Bean
    CorrelationDataProvider requestMetadataProvider() {
        return new SimpleCorrelationDataProvider(
                OpportunityCommandSender.ACTOR, OpportunityCommandSender.REQUEST_ID, OpportunityCommandSender.CORRELATION_ID);
    }

    /**
     * Axon's default provider writes the causing message's id under {@code correlationId}, which would overwrite the
     * request's correlation id; declaring any provider also switches that default off. Its data is still useful, so
     * it is kept under keys that do not collide.
     */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider("causationId", "traceId");
    }

    /**
     * Axon's JDBC resolver only recognises {@link java.sql.SQLIntegrityConstraintViolationException}, which H2 throws
     * and the PostgreSQL driver does not; this one reads the SQL state, so creating a taken id is reported as such
     * (not as a generic store failure) on both.
     */
    @Bean
    PersistenceExceptionResolver uniqueViolationResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }
}
