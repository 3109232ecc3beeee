package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** When the job writes a checkpoint, and where: ticks at given instants, no clock. */
class CheckpointScheduleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final CheckpointSchedule schedule = new CheckpointSchedule(
            new CheckpointSettings(true, Duration.ofSeconds(60), 1000, Duration.ofSeconds(5)));

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void thePositionIsTheHighestIndexSeenAtLeastTheSettleTimeAgo() {
        assertThat(schedule.tick(at(0), 100, -1, null)).isEmpty();
        assertThat(schedule.tick(at(3), 150, -1, null)).isEmpty();
        // 100 was seen 5 s ago; 150 only 2 s ago, and a transaction below it may still be committing
        assertThat(schedule.tick(at(5), 180, -1, null)).isEqualTo(OptionalLong.of(100));
        assertThat(schedule.tick(at(9), 200, -1, null)).isEqualTo(OptionalLong.of(150));
    }

    @Test
    void aCheckpointIsDueAnIntervalAfterTheLatestOneOrSoonerAfterEnoughEvents() {
        Instant latest = at(0);
        schedule.tick(at(0), 100, 90, latest);
        assertThat(schedule.tick(at(30), 110, 90, latest)).as("settled at 100, not yet due").isEmpty();
        assertThat(schedule.tick(at(59), 120, 90, latest)).isEmpty();
        assertThat(schedule.tick(at(60), 120, 90, latest)).as("settled at 110").isEqualTo(OptionalLong.of(110));

        CheckpointSchedule busy = new CheckpointSchedule(
                new CheckpointSettings(true, Duration.ofSeconds(60), 1000, Duration.ofSeconds(5)));
        busy.tick(at(10), 1089, 90, latest);
        assertThat(busy.tick(at(15), 1200, 90, latest)).as("999 past the latest").isEmpty();
        busy.tick(at(16), 1300, 90, latest);
        assertThat(busy.tick(at(20), 1300, 90, latest)).as("1110 past the latest").isEqualTo(OptionalLong.of(1200));
    }

    @Test
    void nothingNewIsNoCheckpoint() {
        schedule.tick(at(0), 100, 100, at(-3600));
        assertThat(schedule.tick(at(10), 100, 100, at(-3600))).isEmpty();
        CheckpointSchedule empty = new CheckpointSchedule(
                new CheckpointSettings(true, Duration.ofSeconds(60), 1000, Duration.ofSeconds(5)));
        empty.tick(at(0), -1, -1, null);
        assertThat(empty.tick(at(10), -1, -1, null)).as("no event at all").isEmpty();
    }
}
