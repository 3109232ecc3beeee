package org.pipelineledger.query.board;

import java.time.Clock;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.CarefulBatches;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Lets tests outside this package build the package-private projection. */
public final class BoardTestAccess {

    private BoardTestAccess() {
    }

    public static Object projection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog, Clock clock) {
        return new BoardProjection(jdbc, catalog, clock, new CarefulBatches());
    }
}
