package org.pipelineledger.bench.runner;

import java.nio.file.Path;
import java.util.List;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Variant;

/** One row group of the report: a scenario at one size or thread count, measured for each of its variants. */
record Case(String id, String scenario, String description, List<Variant> variants, Measurement measurement) {

    /** One run of one variant, in its own fresh working directory. */
    @FunctionalInterface
    interface Measurement {
        ChildResult run(Variant variant, Path dir) throws Exception;
    }
}
