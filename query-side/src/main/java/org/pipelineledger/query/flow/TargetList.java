package org.pipelineledger.query.flow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.pipelineledger.events.TargetSet;

/** The current targets of a pipeline's period, owners first, each by name. */
public record TargetList(String pipeline, String currency, String period, List<Target> targets) {

    /** One target, with who set it last and when (business time). */
    public record Target(TargetSet.Kind kind, String name, BigDecimal amount, Instant setAt, String setBy) {
    }
}
