package org.pipelineledger.command.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The storage engine that chains what it appends (ADR 0016): after the delegate has inserted a batch of events, in
 * the same transaction, it reads the rows back exactly as stored and writes each one's {@link EventChain} hash to
 * {@code audit_event_hash}. Both commit or neither does, so no acknowledged event is ever unchained. Reading back
 * rather than hashing the messages means the hash is over the stored bytes, which is what verification recomputes.
 * <p>
 * A deal's appends are already serialised by the unique (deal, sequence) index, so the previous hash this reads is
 * the one committed with the previous event.
 */
public final class ChainingStorageEngine implements EventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(ChainingStorageEngine.class);

    /** Deals whose previous hash one query reads: a thousand keep it well under PostgreSQL's parameter limit. */
    private static final int LOOKUPS_PER_QUERY = 1_000;

    private final EventStorageEngine delegate;
    private final JdbcTemplate jdbc;
    private final TransactionManager transactionManager;

    public ChainingStorageEngine(EventStorageEngine delegate, JdbcTemplate jdbc, TransactionManager transactionManager) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            delegate.appendEvents(events);
            chain(events);
        });
    }

    private void chain(List<? extends EventMessage<?>> events) {
        List<String> ids = events.stream().map(EventMessage::getIdentifier).toList();
        String marks = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
        List<StoredEvent> stored = new ArrayList<>(jdbc.query(
                "SELECT " + StoredEvent.COLUMNS + " FROM domainevententry WHERE eventidentifier IN (" + marks + ")",
                (row, n) -> StoredEvent.read(row), ids.toArray()));
        if (stored.size() != ids.size()) {
            throw new IllegalStateException("appended " + ids.size() + " events but found " + stored.size());
        }
        stored.sort(Comparator.comparing(StoredEvent::aggregateIdentifier)
                .thenComparingLong(StoredEvent::sequenceNumber));
        Map<String, byte[]> previous = previousHashes(stored);
        List<Object[]> rows = new ArrayList<>(stored.size());
        for (StoredEvent event : stored) {
            byte[] before = previous.get(event.aggregateIdentifier());
            if (before == null) {
                log.error("deal {} has no chained event at sequence {}: event {} is chained over zeros, and"
                        + " verification will report the break", event.aggregateIdentifier(),
                        event.sequenceNumber() - 1, event.sequenceNumber());
                before = EventChain.GENESIS;
            }
            byte[] hash = EventChain.hash(before, event);
            previous.put(event.aggregateIdentifier(), hash);
            rows.add(new Object[]{event.aggregateIdentifier(), event.sequenceNumber(), event.globalIndex(),
                    event.eventIdentifier(), hash, ChainedBy.APPEND.name()});
        }
        jdbc.batchUpdate("""
                INSERT INTO audit_event_hash
                    (aggregateidentifier, sequencenumber, globalindex, eventidentifier, hash, chained_by)
                VALUES (?, ?, ?, ?, ?, ?)""", rows);
    }

    /**
     * For each deal of the batch (sorted by deal and sequence), the hash its first event is chained over: zeros at
     * sequence 0, otherwise the stored hash of the event before, all read in one query (a batch of the benchmark's
     * seeder holds a thousand deals). A deal missing from the answer has no chained previous event: a break that
     * verification reports.
     */
    private Map<String, byte[]> previousHashes(List<StoredEvent> sorted) {
        Map<String, byte[]> previous = new HashMap<>();
        List<Object> keys = new ArrayList<>();
        String last = null;
        for (StoredEvent event : sorted) {
            if (event.aggregateIdentifier().equals(last)) {
                continue;
            }
            last = event.aggregateIdentifier();
            if (event.sequenceNumber() == 0) {
                previous.put(last, EventChain.GENESIS);
            } else {
                keys.add(last);
                keys.add(event.sequenceNumber() - 1);
            }
        }
        for (int from = 0; from < keys.size(); from += 2 * LOOKUPS_PER_QUERY) {
            List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + 2 * LOOKUPS_PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(chunk.size() / 2, "(?, ?)"));
            jdbc.query("SELECT aggregateidentifier, hash FROM audit_event_hash"
                            + " WHERE (aggregateidentifier, sequencenumber) IN (" + marks + ")",
                    row -> {
                        previous.put(row.getString(1), row.getBytes(2));
                    }, chunk.toArray());
        }
        return previous;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
