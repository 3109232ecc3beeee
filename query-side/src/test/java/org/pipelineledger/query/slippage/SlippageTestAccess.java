package org.pipelineledger.query.slippage;

import org.pipelineledger.pipeline.PipelineCatalog;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Lets tests outside this package build the package-private projection. */
public final class SlippageTestAccess {

    private SlippageTestAccess() {
    }

    public static Object projection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog) {
        return new SlippageProjection(jdbc, catalog);
    }
}
