package org.pipelineledger.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Axon's embedded event store with a reader that polls (ADR 0009). Axon's reader thread, which feeds every processor
 * that has caught up, is woken after each commit and then reads until a query comes back empty, again and again
 * while commands keep arriving: two or three queries per command, each usually finding one event. Here commits do
 * not wake it, and it starts a read at most once per fetch delay, so it reads whatever was written meanwhile in one
 * go. When it finds nothing it waits the fetch delay as well (Axon's own idle wait).
 * <p>
 * Only that reader is paced: appending, loading a deal's events and a processor reading the store directly (while
 * replaying or catching up) go straight to the storage engine.
 */
final class PollingEventStore extends EmbeddedEventStore {

    private final PacedTailReads pacedEngine;
    private final DurableCommits durableCommits;

    private PollingEventStore(Builder builder, PacedTailReads pacedEngine, DurableCommits durableCommits) {
        super(builder.storageEngine(pacedEngine));
        this.pacedEngine = pacedEngine;
        this.durableCommits = durableCommits;
    }

    /**
     * @param builder        everything but the storage engine and the fetch delay, which this sets
     * @param durableCommits what a commit that appended events waits for before it is answered (ADR 0013)
     */
    static PollingEventStore create(Builder builder, EventStorageEngine storageEngine, long fetchDelayMs,
                                    DurableCommits durableCommits) {
        if (fetchDelayMs <= 0) {
            throw new IllegalArgumentException("the fetch delay must be positive, was " + fetchDelayMs + " ms");
        }
        builder.timeUnit(TimeUnit.MILLISECONDS).fetchDelay(fetchDelayMs);
        return new PollingEventStore(builder, new PacedTailReads(storageEngine, TimeUnit.MILLISECONDS.toNanos(fetchDelayMs)),
                durableCommits);
    }

    /** After the commit, before the command is answered: make the events durable; no wake-up, the reader polls. */
    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        durableCommits.awaitDurable();
    }

    @Override
    public void shutDown() {
        pacedEngine.closed = true;
        super.shutDown();
    }

    /**
     * The storage engine as the reader sees it: a blocking read of the stream ({@code mayBlock}, which only the
     * reader asks for) starts no sooner than one interval after the previous one started.
     */
    static final class PacedTailReads implements EventStorageEngine {

        private final EventStorageEngine delegate;
        private final long intervalNanos;
        /** Touched by the reader thread only. */
        private long nextReadAt = System.nanoTime();
        private volatile boolean closed;

        PacedTailReads(EventStorageEngine delegate, long intervalNanos) {
            this.delegate = delegate;
            this.intervalNanos = intervalNanos;
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken,
                                                                  boolean mayBlock) {
            if (mayBlock) {
                long wait = nextReadAt - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Stream.empty(); // no JDBC call on an interrupted thread (H2 may close its file)
                    }
                }
                if (closed) {
                    return Stream.empty(); // shut down while waiting: the database may be going away
                }
                nextReadAt = System.nanoTime() + intervalNanos;
            }
            return delegate.readEvents(trackingToken, mayBlock);
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            delegate.appendEvents(events);
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
}
