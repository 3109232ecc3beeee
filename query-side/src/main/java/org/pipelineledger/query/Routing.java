package org.pipelineledger.query;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.pipelineledger.query.support.ReadModelTables;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a processor's batch sends a read model's events (ADR 0019), decided once per batch after the batch has locked
 * its own token row, which is what makes the switch atomic: the switch locks the token rows of the live processor and
 * of the rebuild, so a batch either committed before the switch read the tokens, or starts after the switch committed
 * and sees it.
 *
 * @param version the version of the read model's tables the batch writes
 * @param skipAll the batch handles none of the read model's events (a rebuild that was switched or given up)
 * @param skip    the live processor does not apply what the rebuild applied before the switch: the events its token
 *                covered; null when none
 */
record Routing(int version, boolean skipAll, GapAwareTrackingToken skip) {

    static final String REBUILD_PREFIX = "rebuild-";
    private static final String ROWS_KEY = Routing.class.getName() + ".rows";
    private static final String LOCKED_KEY = Routing.class.getName() + ".locked";
    private static final String ROUTE_KEY = Routing.class.getName() + ".route.";

    /** Whether the read model's event at {@code position} is left alone by this batch. */
    boolean skips(long position) {
        return skipAll || skip != null && covers(skip, position);
    }

    static boolean covers(GapAwareTrackingToken token, long position) {
        return position <= token.getIndex() && !token.getGaps().contains(position);
    }

    /** The processor name of a rebuild. */
    static String rebuildProcessor(String readModel, int version) {
        return REBUILD_PREFIX + readModel + "-" + version;
    }

    /** One row of read_model_version, as a batch reads it. */
    record Row(int version, Integer nextVersion, String state, Long skipIndex, String skipGaps) {

        GapAwareTrackingToken skipToken() {
            return skipIndex == null ? null : GapAwareTrackingToken.newInstance(skipIndex, gaps(skipGaps));
        }
    }

    static Set<Long> gaps(String text) {
        Set<Long> gaps = new TreeSet<>();
        if (text != null && !text.isBlank()) {
            for (String gap : text.split(",")) {
                gaps.add(Long.parseLong(gap.trim()));
            }
        }
        return gaps;
    }

    /** The route of {@code readModel} in the batch {@code unitOfWork} of processor {@code processor}, segment. */
    static Routing of(UnitOfWork<?> unitOfWork, String processor, Integer segment, String readModel,
                      JdbcTemplate jdbc) {
        UnitOfWork<?> root = unitOfWork.root();
        Routing known = root.getResource(ROUTE_KEY + readModel);
        if (known != null) {
            return known;
        }
        // the resources are a plain map: nothing here is computed inside another resource's computation
        if (processor != null && segment != null && !root.resources().containsKey(LOCKED_KEY)) {
            // held until the batch commits; the switch waits for it, and a batch that starts while the switch holds
            // it waits here and then reads the routing the switch wrote
            jdbc.query("SELECT segment FROM tokenentry WHERE processorname = ? AND segment = ? FOR UPDATE",
                    rs -> {
                    }, processor, segment);
            root.resources().put(LOCKED_KEY, Boolean.TRUE);
        }
        Map<String, Row> rows = root.getResource(ROWS_KEY);
        if (rows == null) {
            rows = read(jdbc);
            root.resources().put(ROWS_KEY, rows);
        }
        Routing routing = decide(processor, readModel, rows.get(readModel));
        ReadModelTables.writeTo(root, readModel, routing.version());
        root.resources().put(ROUTE_KEY + readModel, routing);
        return routing;
    }

    private static Routing decide(String processor, String readModel, Row row) {
        if (row == null) {
            return new Routing(1, false, null);
        }
        if (processor != null && processor.startsWith(REBUILD_PREFIX)) {
            boolean building = "BUILDING".equals(row.state()) && row.nextVersion() != null
                    && processor.equals(rebuildProcessor(readModel, row.nextVersion()));
            return building ? new Routing(row.nextVersion(), false, null) : new Routing(row.version(), true, null);
        }
        return new Routing(row.version(), false, row.skipToken());
    }

    private static Map<String, Row> read(JdbcTemplate jdbc) {
        Map<String, Row> rows = new HashMap<>();
        jdbc.query("SELECT read_model, version, next_version, state, skip_index, skip_gaps FROM read_model_version",
                rs -> {
                    rows.put(rs.getString("read_model"), new Row(rs.getInt("version"),
                            (Integer) rs.getObject("next_version", Integer.class), rs.getString("state"),
                            (Long) rs.getObject("skip_index", Long.class), rs.getString("skip_gaps")));
                });
        return rows;
    }
}
