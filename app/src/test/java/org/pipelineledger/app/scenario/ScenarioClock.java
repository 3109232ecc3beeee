package org.pipelineledger.app.scenario;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's {@link Clock}, moved by the test: a scenario spread over weeks of business time runs in seconds,
 * and every day count it produces is exact. It only moves forward, as the ledger's business time does.
 * <p>
 * Registered with {@code @Import(ScenarioClock.Registration.class)}. Neither class carries a stereotype, so the
 * application's scan of {@code org.pipelineledger} never picks them up for other tests.
 */
final class ScenarioClock extends Clock {

    private final AtomicReference<Instant> now;

    ScenarioClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Sets business time to {@code instant}, which must not be before the current one. */
    void set(Instant instant) {
        now.getAndUpdate(current -> {
            if (instant.isBefore(current)) {
                throw new IllegalArgumentException("the scenario clock only moves forward: " + instant
                        + " is before " + current);
            }
            return instant;
        });
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the ledger keeps business time in UTC");
    }

    /**
     * The scenario clock as the application's clock. {@code @Primary} as well as taking the place of the
     * application's own (which backs off when a {@link Clock} bean exists), so it wins either way.
     */
    static class Registration {

        static final Instant START = Instant.parse("2025-03-03T09:00:00Z");

        @Bean
        @Primary
        ScenarioClock scenarioClock() {
            return new ScenarioClock(START);
        }
    }
}
