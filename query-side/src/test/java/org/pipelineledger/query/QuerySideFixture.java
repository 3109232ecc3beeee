package org.pipelineledger.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.query.board.BoardTestAccess;
import org.pipelineledger.query.daysinstage.DaysInStageTestAccess;
import org.pipelineledger.query.history.HistoryTestAccess;
import org.pipelineledger.query.reversions.ReversionsTestAccess;
import org.pipelineledger.query.slippage.SlippageTestAccess;
import org.pipelineledger.query.testing.TestDatabase;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Every read model of the query side on one fresh database, without Spring, for tests across packages. */
public final class QuerySideFixture {

    private final List<Object> projections;
    private final Object history;

    public QuerySideFixture(PipelineCatalog catalog, Clock clock, EventStore eventStore, ObjectMapper webMapper) {
        NamedParameterJdbcTemplate jdbc = TestDatabase.migrated();
        projections = List.of(
                BoardTestAccess.projection(jdbc, catalog, clock),
                DaysInStageTestAccess.projection(jdbc, catalog, clock),
                SlippageTestAccess.projection(jdbc, catalog),
                ReversionsTestAccess.projection(jdbc, catalog));
        history = HistoryTestAccess.queries(eventStore, webMapper);
    }

    public List<Object> queryHandlers() {
        return java.util.stream.Stream.concat(projections.stream(), java.util.stream.Stream.of(history)).toList();
    }

    /** Feeds one event to every projection, as their processors would. */
    public void handle(EventMessage<?> event) {
        for (Object projection : projections) {
            try {
                new AnnotationEventHandlerAdapter(projection).handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
