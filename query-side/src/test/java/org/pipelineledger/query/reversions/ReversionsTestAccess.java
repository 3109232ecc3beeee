package org.pipelineledger.query.reversions;

import org.pipelineledger.pipeline.PipelineCatalog;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Lets tests outside this package build the package-private projection. */
public final class ReversionsTestAccess {

    private ReversionsTestAccess() {
    }

    public static Object projection(NamedParameterJdbcTemplate jdbc, PipelineCatalog catalog) {
        return new ReversionsProjection(jdbc, catalog);
    }
}
