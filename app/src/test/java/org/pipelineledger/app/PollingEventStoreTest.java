package org.pipelineledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
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

    @Test
    void aNegativeFetchDelayIsRefused() {
        assertThatThrownBy(() -> new EventStoreConfiguration().eventStore(null, null, DurableCommits.AT_COMMIT, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger.processing.fetch-delay-ms");
    }
}
