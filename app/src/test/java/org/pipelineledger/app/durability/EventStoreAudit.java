package org.pipelineledger.app.durability;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pipelineledger.app.durability.CommandBurst.Outcome;
import org.pipelineledger.app.durability.CommandBurst.Result;

/**
 * The event store, read with JDBC from the H2 file after the ledger has stopped, held against what the clients were
 * told: which acknowledged commands it lost, which it keeps elsewhere than at the version it answered, and whether
 * each deal's sequence numbers still run from 0 without a gap.
 */
final class EventStoreAudit {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of {@code domainevententry}; the request id comes from the event's metadata (JSON). */
    record StoredEvent(long globalIndex, String dealId, long sequence, String requestId) {
    }

    /**
     * Everything the audit found. Each list is a broken promise, except the figures at the end.
     *
     * @param lost                    acknowledged, and not in the store
     * @param misplaced               acknowledged, in the store, but not at the deal and version the ledger answered
     * @param requestIdsTwice         request ids on more than one event (each command appends exactly one)
     * @param sequenceGaps            deals whose sequence numbers are not 0..n
     * @param refusedButPresent       refused (4xx), and in the store anyway
     * @param unknown                 events with a request id no client sent
     * @param versionsAnsweredTwice   deal@version answered to more than one acknowledged command, with their ids
     * @param unansweredPresent       unanswered commands the store has (allowed: the kill came after the commit)
     */
    record Findings(List<Outcome> lost, List<String> misplaced, Map<String, Integer> requestIdsTwice,
                    List<String> sequenceGaps, List<Outcome> refusedButPresent, List<StoredEvent> unknown,
                    Map<String, List<String>> versionsAnsweredTwice, int unansweredPresent, int storedEvents,
                    int storedDeals) {
    }

    private EventStoreAudit() {
    }

    static List<StoredEvent> read(Connection connection) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT globalindex, aggregateidentifier, sequencenumber, metadata"
                     + " FROM domainevententry ORDER BY globalindex")) {
            while (rows.next()) {
                events.add(new StoredEvent(rows.getLong(1), rows.getString(2), rows.getLong(3),
                        requestId(rows.getBytes(4))));
            }
        }
        return events;
    }

    /** {@code {"actor":"rep","traceId":...,"causationId":...,"correlationId":...,"requestId":"..."}} */
    private static String requestId(byte[] metadata) {
        if (metadata == null) {
            return null;
        }
        try {
            return JSON.readTree(metadata).path("requestId").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException("metadata that is not JSON", e);
        }
    }

    static Findings compare(List<StoredEvent> stored, List<Outcome> outcomes) {
        Map<String, List<StoredEvent>> byRequestId = new HashMap<>();
        Map<String, List<Long>> sequencesByDeal = new TreeMap<>();
        for (StoredEvent event : stored) {
            byRequestId.computeIfAbsent(event.requestId(), ignored -> new ArrayList<>()).add(event);
            sequencesByDeal.computeIfAbsent(event.dealId(), ignored -> new ArrayList<>()).add(event.sequence());
        }

        Map<String, Integer> requestIdsTwice = new TreeMap<>();
        byRequestId.forEach((requestId, events) -> {
            if (events.size() > 1) {
                requestIdsTwice.put(String.valueOf(requestId), events.size());
            }
        });

        List<String> sequenceGaps = new ArrayList<>();
        sequencesByDeal.forEach((deal, sequences) -> {
            List<Long> sorted = sequences.stream().sorted().toList();
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i) != i) {
                    sequenceGaps.add(deal + " has " + sorted);
                    break;
                }
            }
        });

        List<Outcome> lost = new ArrayList<>();
        List<String> misplaced = new ArrayList<>();
        List<Outcome> refusedButPresent = new ArrayList<>();
        Map<String, List<String>> answered = new LinkedHashMap<>();
        int unansweredPresent = 0;
        Map<String, Outcome> sent = new HashMap<>();
        for (Outcome outcome : outcomes) {
            sent.put(outcome.requestId(), outcome);
            List<StoredEvent> events = byRequestId.getOrDefault(outcome.requestId(), List.of());
            switch (outcome.result()) {
                case ACKNOWLEDGED -> {
                    answered.computeIfAbsent(outcome.dealId() + "@" + outcome.version(), ignored -> new ArrayList<>())
                            .add(outcome.requestId());
                    if (events.isEmpty()) {
                        lost.add(outcome);
                    } else if (events.size() == 1 && !(events.get(0).dealId().equals(outcome.dealId())
                            && events.get(0).sequence() == outcome.version())) {
                        misplaced.add(outcome.requestId() + " was answered " + outcome.dealId() + "@"
                                + outcome.version() + " and is stored at " + events.get(0).dealId() + "@"
                                + events.get(0).sequence());
                    }
                }
                case REFUSED -> {
                    if (!events.isEmpty()) {
                        refusedButPresent.add(outcome);
                    }
                }
                case UNANSWERED -> {
                    if (!events.isEmpty()) {
                        unansweredPresent++;
                    }
                }
            }
        }
        Map<String, List<String>> versionsAnsweredTwice = new LinkedHashMap<>();
        answered.forEach((version, requestIds) -> {
            if (requestIds.size() > 1) {
                versionsAnsweredTwice.put(version, requestIds);
            }
        });
        List<StoredEvent> unknown = stored.stream()
                .filter(event -> event.requestId() == null || !sent.containsKey(event.requestId()))
                .toList();
        return new Findings(lost, misplaced, requestIdsTwice, sequenceGaps, refusedButPresent, unknown,
                versionsAnsweredTwice, unansweredPresent, stored.size(), sequencesByDeal.size());
    }

    /** Outcomes of one kind, for the figures. */
    static long count(List<Outcome> outcomes, Result result) {
        return outcomes.stream().filter(outcome -> outcome.result() == result).count();
    }
}
