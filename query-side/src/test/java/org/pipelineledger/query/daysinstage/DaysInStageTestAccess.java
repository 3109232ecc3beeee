package org.pipelineledger.query.daysinstage;

import java.time.Clock;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Lets tests outside this package build the package-private projection. */
public final class DaysInStageTestAccess {

    private DaysInStageTestAccess() {
    }

    public static Object projection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog, Clock clock) {
        return new DaysInStageProjection(jdbc, catalog, clock);
    }
}
