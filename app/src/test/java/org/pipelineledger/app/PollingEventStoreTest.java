package org.pipelineledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event store's reader without the wake-up on commit (ADR 0009): a processor tailing the store must still see
 * every event, in order, because the reader polls.
 */
class PollingEventStoreTest {

    private EmbeddedEventStore store;

    @AfterEach
    void shutDown() {
        if (store != null) {
            store.shutDown();
        }
    }

    private static EmbeddedEventStore pollingStore(long fetchDelayMs) {
        return PollingEventStore.create(EmbeddedEventStore.builder(), new InMemoryEventStorageEngine(), fetchDelayMs,
                DurableCommits.AT_COMMIT);
    }

    private static GenericDomainEventMessage<String> event(int sequence) {
        return new GenericDomainEventMessage<>("Deal", "deal-1", sequence, "event " + sequence);
    }

    @Test
    void aTailingReaderSeesEveryEventPublishedAfterItCaughtUpInOrder() throws InterruptedException {
        store = pollingStore(20);
        List<String> seen = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            // an empty store: the consumer switches to the shared reader, which starts polling
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();

            // one event per append: the in-memory engine makes a multi-event append visible in hash order, which a
            // concurrent reader (unlike one of the JDBC engine with its gap-aware tokens) could skip past
            IntStream.range(0, 100).forEach(i -> store.publish(event(i)));

            // hasNextAvailable may return false before its timeout when a wake-up was meant for an event already
            // taken (Axon's consumer does not re-check after waking), so the test waits against its own deadline
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.size() < 100 && System.nanoTime() < deadline) {
                if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                    seen.add((String) stream.nextAvailable().getPayload());
                }
            }
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "event " + i).toList());
    }

    @Test
    void theReaderStartsABlockingReadAtMostOncePerIntervalAndAnyOtherReadAtOnce() {
        long interval = TimeUnit.MILLISECONDS.toNanos(200);
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        engine.appendEvents(event(0));
        PollingEventStore.PacedTailReads paced = new PollingEventStore.PacedTailReads(engine, interval);

        // timed from before the first read: the first read sets the next one's earliest start, one interval after
        // its own; timed between the two, a slow first read (a loaded machine) would shorten the measured wait
        long start = System.nanoTime();
        paced.readEvents(null, true).count();
        long read = paced.readEvents(null, true).count();
        long bothReads = System.nanoTime() - start;

        assertThat(read).isEqualTo(1);
        // the second blocking read started no sooner than one interval after the first (a lower bound: a slow
        // machine only adds)
        assertThat(bothReads).isGreaterThanOrEqualTo(interval);
        // reads that may not block (a processor catching up, loading a deal) are never held back
        assertThat(paced.readEvents(null, false).count()).isEqualTo(1);
        assertThat(paced.readEvents("deal-1").asStream().count()).isEqualTo(1);
    }

    /**
     * Axon's store wakes its reader after every commit; this one must not (ADR 0009). Each tail read is made to take
     * as long as the interval, so pacing alone would let the reader read again at once: only the wait after an empty
     * read, which a wake-up would cut short, keeps the next read one interval after the commit.
     */
    @Test
    void aCommitDoesNotWakeTheReaderWhichReadsAgainOnlyAfterItsWait() throws InterruptedException {
        long intervalMs = 300;
        SlowTailReads engine = new SlowTailReads(new InMemoryEventStorageEngine(), intervalMs);
        store = PollingEventStore.create(EmbeddedEventStore.builder(), engine, intervalMs, DurableCommits.AT_COMMIT);
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            // an empty store: the consumer switches to the shared reader, which starts polling
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            engine.emptyReadsEnded.clear();
            Long emptyReadEnded = engine.emptyReadsEnded.poll(10, TimeUnit.SECONDS);
            assertThat(emptyReadEnded).as("an empty tail read").isNotNull();

            store.publish(event(0));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                seen = stream.hasNextAvailable(100, TimeUnit.MILLISECONDS);
            }
            assertThat(seen).isTrue();
            long nextReadStarted = engine.readsStarted.stream().filter(start -> start > emptyReadEnded)
                    .findFirst().orElseThrow();
            // a lower bound: a slow machine only adds
            assertThat(TimeUnit.NANOSECONDS.toMillis(nextReadStarted - emptyReadEnded))
                    .isGreaterThanOrEqualTo(intervalMs);
        }
    }

    @Test
    void aFetchDelayBelowOneMillisecondIsRefused() {
        assertThatThrownBy(() -> new EventStoreConfiguration().eventStore(null, null, DurableCommits.AT_COMMIT, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger.processing.fetch-delay-ms");
    }

    /** An engine whose tail reads take a given time, recording when each starts and when each empty one ends. */
    private static final class SlowTailReads extends InMemoryEventStorageEngine {

        private final InMemoryEventStorageEngine events;
        private final long readMs;
        final List<Long> readsStarted = new CopyOnWriteArrayList<>();
        final BlockingQueue<Long> emptyReadsEnded = new LinkedBlockingQueue<>();

        SlowTailReads(InMemoryEventStorageEngine events, long readMs) {
            this.events = events;
            this.readMs = readMs;
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            if (!mayBlock) {
                return events.readEvents(token, false);
            }
            readsStarted.add(System.nanoTime());
            List<? extends TrackedEventMessage<?>> read = events.readEvents(token, true).toList();
            try {
                TimeUnit.MILLISECONDS.sleep(readMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Stream.empty();
            }
            if (read.isEmpty()) {
                emptyReadsEnded.add(System.nanoTime());
            }
            return read.stream();
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> toAppend) {
            events.appendEvents(toAppend);
        }
    }
}
