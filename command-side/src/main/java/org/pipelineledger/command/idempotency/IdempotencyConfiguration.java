package org.pipelineledger.command.idempotency;

import java.time.Clock;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Idempotent commands: the records, the command-bus interceptor that writes them, and their purge. */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    IdempotencyRecords idempotencyRecords(JdbcTemplate jdbcTemplate, Clock clock) {
        return new IdempotencyRecords(jdbcTemplate, clock);
    }

    @Bean
    IdempotentCommands idempotentCommands(IdempotencyRecords records) {
        return new IdempotentCommands(records);
    }

    /**
     * Registered on the command bus by hand rather than declared as an interceptor bean: Axon would register such a
     * bean by its generic type, and this way it is plain which bus it is on, and that it is on it once.
     */
    @Bean
    InitializingBean idempotencyInterceptorRegistration(CommandBus commandBus, IdempotencyRecords records) {
        return () -> commandBus.registerHandlerInterceptor(new IdempotencyInterceptor(records));
    }

    @Bean
    IdempotencyPurge idempotencyPurge(IdempotencyRecords records, Clock clock) {
        return new IdempotencyPurge(records, clock);
    }
}
