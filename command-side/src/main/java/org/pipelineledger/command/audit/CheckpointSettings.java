package org.pipelineledger.command.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledger.audit.checkpoint.*}: when the scheduled job writes a checkpoint (docs/audit-anchors.md).
 *
 * @param enabled  whether the job runs at all ({@code POST /api/audit/checkpoints} always works)
 * @param interval a checkpoint at least this often while events are appended
 * @param events   or sooner, once about this many events were appended since the latest one
 * @param settle   a position is used only once it was the highest global index seen at least this long ago, so that
 *                 every transaction up to it has had this long to commit
 */
@ConfigurationProperties("ledger.audit.checkpoint")
record CheckpointSettings(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
                          @DefaultValue("10000") long events, @DefaultValue("5s") Duration settle) {

    CheckpointSettings {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ledger.audit.checkpoint.interval must be at least 1s, was " + interval);
        }
        if (events < 1) {
            throw new IllegalArgumentException("ledger.audit.checkpoint.events must be at least 1, was " + events);
        }
        if (settle.isNegative()) {
            throw new IllegalArgumentException("ledger.audit.checkpoint.settle must not be negative, was " + settle);
        }
    }
}
