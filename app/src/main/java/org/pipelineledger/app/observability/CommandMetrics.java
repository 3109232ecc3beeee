package org.pipelineledger.app.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * {@value #NAME}: every command the command bus handles, by its type and {@link CommandOutcome}, timed from the
 * moment the bus takes it to the moment its unit of work has committed (its events durable, ADR 0013) or rolled
 * back. A request the HTTP edge refuses before sending a command (unreadable, unauthenticated, a role that may not,
 * an idempotent repeat answered from its record) is not a command and is not counted.
 */
final class CommandMetrics implements MessageMonitor<Message<?>> {

    static final String NAME = "ledger.commands";

    /** Histogram buckets: few enough to keep one series per bucket affordable, around the latencies measured. */
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        long start = registry.config().clock().monotonicTime();
        String command = message instanceof CommandMessage<?> commandMessage
                ? simpleName(commandMessage.getCommandName()) : message.getPayloadType().getSimpleName();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                record(command, CommandOutcome.OK, start);
            }

            @Override
            public void reportFailure(Throwable cause) {
                record(command, CommandOutcome.of(cause), start);
            }

            @Override
            public void reportIgnored() {
                // the simple command bus never ignores a command
            }
        };
    }

    private void record(String command, CommandOutcome outcome, long start) {
        long elapsed = registry.config().clock().monotonicTime() - start;
        timers.computeIfAbsent(command + ' ' + outcome, ignored -> Timer.builder(NAME)
                        .description("Commands handled, by type and outcome, until committed or rolled back")
                        .tag("command", command)
                        .tag("outcome", outcome.tag())
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(elapsed, TimeUnit.NANOSECONDS);
    }

    /** A command's name is its payload's class name: {@code MoveToStage} of {@code ...opportunity.MoveToStage}. */
    static String simpleName(String commandName) {
        return commandName.substring(commandName.lastIndexOf('.') + 1);
    }
}
