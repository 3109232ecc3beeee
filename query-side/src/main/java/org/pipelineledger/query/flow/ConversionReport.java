package org.pipelineledger.query.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Conversion per stage, in the pipeline's order (docs/metrics-flow.md).
 *
 * @param stages one row per stage of the pipeline, entered or not
 */
public record ConversionReport(String pipeline, LocalDate from, LocalDate to, List<Stage> stages) {

    /**
     * One stage.
     *
     * @param entered    deals that entered the stage in the window (created in it, advanced, reverted or reopened
     *                   into it), each once
     * @param advanced   of those, deals that afterwards left the stage by moving forward
     * @param cameBack   of those, deals that afterwards entered the stage again
     * @param won        of those, deals won afterwards
     * @param toNextStage advanced / entered, to four decimals; null when none entered
     * @param toWon      won / entered, to four decimals; null when none entered
     */
    // nulls are written, not left out as elsewhere in the API: "no target" and "no rate" are answers
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Stage(String stage, long entered, long advanced, long cameBack, long won, BigDecimal toNextStage,
                        BigDecimal toWon) {
    }
}
