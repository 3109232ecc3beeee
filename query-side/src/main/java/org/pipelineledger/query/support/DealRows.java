package org.pipelineledger.query.support;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The one way a projection starts its row for a deal. */
public final class DealRows {

    private DealRows() {
    }

    /**
     * Runs {@code insertSql} unless {@code table} already has a row for the deal named by the {@code id} parameter,
     * so a redelivered or replayed OpportunityCreated changes nothing. {@code table} is a constant of the caller,
     * never input.
     *
     * @return whether the row was inserted (false: the deal was already known)
     */
    public static boolean insertOnce(NamedParameterJdbcTemplate jdbc, String table, String insertSql,
                                  MapSqlParameterSource parameters) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE opportunity_id = :id",
                parameters, Integer.class);
        if (known != null && known > 0) {
            return false;
        }
        jdbc.update(insertSql, parameters);
        return true;
    }
}
