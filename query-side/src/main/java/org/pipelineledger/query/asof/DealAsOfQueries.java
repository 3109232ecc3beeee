package org.pipelineledger.query.asof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.OutlookChanged;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.problem.LedgerException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One deal as of an instant and its timeline, both folded from the deal's events as the event store holds them (read
 * from sequence 0, as the history is): exact by construction, whatever the read models' lag (docs/as-of.md,
 * ADR 0016).
 */
@Component
class DealAsOfQueries {

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;

    DealAsOfQueries(EventStore eventStore, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    @QueryHandler
    OpportunityAsOf handle(GetOpportunityAsOf query) {
        String id = query.opportunityId().value();
        List<RecordedEvent> events = RecordedEvent.of(eventStore, id);
        DealState state = RecordedEvent.fold(events, RecordedEvent.prefix(events, query.asOf(), query.knownAt()));
        if (state == null) {
            // unknown, or not created yet as of then, or not yet known at then: nothing to show either way
            throw LedgerException.opportunityNotFound(id);
        }
        return OpportunityAsOf.of(state, query.asOf(), query.knownAt());
    }

    @QueryHandler
    DealTimeline handle(GetDealTimeline query) {
        String id = query.opportunityId().value();
        List<RecordedEvent> events = RecordedEvent.of(eventStore, id);
        if (events.isEmpty()) {
            throw LedgerException.opportunityNotFound(id);
        }
        Map<Long, String[]> hashes = hashes(id);
        List<DealTimeline.Entry> entries = new ArrayList<>(events.size());
        DealState before = null;
        for (RecordedEvent recorded : events) {
            DealState after = DealFold.apply(before, recorded.event(), recorded.sequence());
            String[] hash = hashes.getOrDefault(recorded.sequence(), new String[2]);
            entries.add(new DealTimeline.Entry(recorded.sequence(), recorded.event().getClass().getSimpleName(),
                    recorded.occurredAt(), recorded.recordedAt(), text(recorded.metadata().get("actor")),
                    text(recorded.metadata().get("requestId")), text(recorded.metadata().get("correlationId")),
                    remarks(recorded.event()), DealFold.changes(before, after), after, hash[0], hash[1]));
            before = after;
        }
        return new DealTimeline(id, List.copyOf(entries));
    }

    /**
     * The deal's chain hashes by sequence, read as stored (ADR 0016): the timeline shows them; whether they are right is
     * for the verification to judge.
     */
    private Map<Long, String[]> hashes(String id) {
        Map<Long, String[]> hashes = new HashMap<>();
        jdbc.query("SELECT sequencenumber, hash, chained_by FROM audit_event_hash WHERE aggregateidentifier = ?",
                rs -> {
                    hashes.put(rs.getLong(1), new String[] {hex(rs.getBytes(2)), rs.getString(3)});
                }, id);
        return hashes;
    }

    /** The event's own words, which change no field of the deal but explain the change. */
    static Map<String, String> remarks(OpportunityEvent event) {
        Map<String, String> remarks = new LinkedHashMap<>();
        if (event instanceof StageReverted reverted) {
            remarks.put("reason", text(reverted.reason()));
            remarks.put("note", reverted.note());
        } else if (event instanceof CloseDateSlipped slipped) {
            remarks.put("reason", slipped.reason());
        } else if (event instanceof CloseDatePulledIn pulledIn) {
            remarks.put("reason", pulledIn.reason());
        } else if (event instanceof OutlookChanged outlook) {
            remarks.put("note", outlook.note());
        } else if (event instanceof AmountChanged amount) {
            remarks.put("reason", amount.reason());
        } else if (event instanceof NoteAdded note) {
            remarks.put("text", note.text());
        } else if (event instanceof OpportunityWon won) {
            remarks.put("note", won.note());
        } else if (event instanceof OpportunityLost lost) {
            remarks.put("reason", lost.reason());
            remarks.put("note", lost.note());
        } else if (event instanceof OpportunityReopened reopened) {
            remarks.put("note", reopened.note());
        }
        remarks.values().removeIf(Objects::isNull);
        return remarks;
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
