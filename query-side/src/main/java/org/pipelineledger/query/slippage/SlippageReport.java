package org.pipelineledger.query.slippage;

import java.time.LocalDate;
import java.util.List;

/**
 * The deals whose close date slipped the most: only deals that slipped at least once, ranked by total slip days,
 * then by number of slips (then by id, so ties list stably).
 *
 * @param pipeline      the pipeline asked for; {@code null} for all
 * @param limit         the most deals listed
 * @param slippedDeals  how many deals slipped at least once, including those beyond the limit
 * @param deals         most slipped first
 */
public record SlippageReport(String pipeline, int limit, long slippedDeals, List<Entry> deals) {

    /**
     * @param rank    1 for the most slipped deal
     * @param netDays total slip days minus total pull-in days
     */
    public record Entry(
            int rank,
            String id,
            String name,
            String owner,
            String pipeline,
            LocalDate originalCloseDate,
            LocalDate currentCloseDate,
            int slipCount,
            long totalSlipDays,
            int pullInCount,
            long netDays) {
    }
}
