package org.pipelineledger.command.audit;

import java.time.Instant;
import java.util.ArrayList;
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
        Map<String, byte[]> previous = new HashMap<>();
        List<Object[]> rows = new ArrayList<>(stored.size());
        for (StoredEvent event : stored) {
            byte[] before = previous.computeIfAbsent(event.aggregateIdentifier(),
                    deal -> previousHash(deal, event.sequenceNumber()));
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

    /** The hash of the deal's event just before {@code sequence}; its absence is a break verification reports. */
    private byte[] previousHash(String deal, long sequence) {
        if (sequence == 0) {
            return EventChain.GENESIS;
        }
        List<byte[]> found = jdbc.query(
                "SELECT hash FROM audit_event_hash WHERE aggregateidentifier = ? AND sequencenumber = ?",
                (row, n) -> row.getBytes(1), deal, sequence - 1);
        if (found.isEmpty()) {
            log.error("deal {} has no chained event at sequence {}: event {} is chained over zeros, and verification"
                    + " will report the break", deal, sequence - 1, sequence);
            return EventChain.GENESIS;
        }
        return found.get(0);
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
