package org.pipelineledger.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Lets tests outside this package build the package-private query handler. */
public final class HistoryTestAccess {

    private HistoryTestAccess() {
    }

    public static Object queries(EventStore eventStore, ObjectMapper webMapper) {
        return new DealHistoryQueries(eventStore, webMapper);
    }
}
