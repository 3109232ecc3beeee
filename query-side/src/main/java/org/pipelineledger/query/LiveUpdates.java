package org.pipelineledger.query;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.pipelineledger.events.OpportunityEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open pages which deals the read models have just changed, as server-sent events: every
 * {@value #EVERY_MS} ms it compares the read models' position with the last one told, reads the deal ids of the
 * events in between from the event store, and sends them to every subscriber ({@code GET /api/live}). Each message's
 * id is the position, so a browser that lost its connection resumes from it ({@code Last-Event-ID}); one that missed
 * more than {@value #MOST_EVENTS} events is told to reload instead.
 * <p>
 * The position is this node's: on a node whose processor owns no segment nothing changes (issue 22).
 */
@Component
public class LiveUpdates implements SmartLifecycle {

    static final long EVERY_MS = 200;
    static final int MOST_EVENTS = 2_000;
    /** An idle connection gets a comment this often, so that proxies and the browser keep it open. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** A subscription ends after this and the browser opens a new one, resuming where it was. */
    private static final Duration SUBSCRIPTION = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    /** What changed up to {@code position}: these deals, or too much to list ({@code reload}). */
    public record Change(long position, List<String> deals, boolean reload) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Set<SseEmitter> subscribers = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService timer;
    private static final long UNSET = Long.MIN_VALUE;
    /** The position last told to the subscribers. */
    private long told = UNSET;
    private long lastSent = System.nanoTime();

    public LiveUpdates(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** A new subscriber; with the id of the last message it saw, it first gets what changed since. */
    public SseEmitter subscribe(Long lastSeen) {
        SseEmitter emitter = new SseEmitter(SUBSCRIPTION.toMillis());
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(failure -> subscribers.remove(emitter));
        long now = projected().orElse(-1);
        Change first = lastSeen != null && lastSeen < now ? changes(lastSeen, now) : new Change(now, List.of(), false);
        if (send(emitter, first)) {
            subscribers.add(emitter);
        }
        return emitter;
    }

    synchronized void tick() {
        OptionalLong position = projected();
        if (position.isPresent() && (told == UNSET || subscribers.isEmpty())) {
            // nobody needs what happened before this node started telling, or while nobody listened: a replay with
            // no page open reads no events twice
            told = position.getAsLong();
        } else if (position.isPresent() && position.getAsLong() < told) {
            // the read models are being rebuilt from the start: every page starts over too
            told = position.getAsLong();
            Change rebuilt = new Change(told, List.of(), true);
            subscribers.forEach(emitter -> send(emitter, rebuilt));
            lastSent = System.nanoTime();
        } else if (position.isPresent() && position.getAsLong() > told) {
            Change change = changes(told, position.getAsLong());
            told = position.getAsLong();
            subscribers.forEach(emitter -> send(emitter, change));
            lastSent = System.nanoTime();
        } else if (System.nanoTime() - lastSent > HEARTBEAT.toNanos()) {
            subscribers.forEach(emitter -> sendComment(emitter));
            lastSent = System.nanoTime();
        }
    }

    /** The deals of the events after {@code after} up to {@code upTo}. */
    Change changes(long after, long upTo) {
        if (upTo - after > MOST_EVENTS) {
            return new Change(upTo, List.of(), true);
        }
        Set<String> deals = new LinkedHashSet<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(
                after < 0 ? null : GapAwareTrackingToken.newInstance(after, Set.of()))) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event.trackingToken().position().orElse(Long.MAX_VALUE) > upTo) {
                    break;
                }
                // a deal's events only: sales targets (ADR 0015) are streams of their own, no deal a page shows
                if (event instanceof DomainEventMessage<?> domainEvent
                        && OpportunityEvent.class.isAssignableFrom(domainEvent.getPayloadType())) {
                    deals.add(domainEvent.getAggregateIdentifier());
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return new Change(upTo, List.copyOf(deals), false);
    }

    /** Where the slowest of the processors feeding the read models stands, if it has projected anything. */
    private OptionalLong projected() {
        long slowest = Long.MAX_VALUE;
        for (String group : ProcessingConfiguration.PROCESSING_GROUPS) {
            if (!(processing.eventProcessorByProcessingGroup(group).orElse(null)
                    instanceof StreamingEventProcessor processor) || processor.processingStatus().isEmpty()) {
                return OptionalLong.empty();
            }
            for (EventTrackerStatus segment : processor.processingStatus().values()) {
                OptionalLong position = segment.getCurrentPosition();
                if (position.isEmpty()) {
                    return OptionalLong.empty();
                }
                slowest = Math.min(slowest, position.getAsLong());
            }
        }
        return OptionalLong.of(slowest);
    }

    private boolean send(SseEmitter emitter, Change change) {
        try {
            emitter.send(SseEmitter.event().id(Long.toString(change.position())).name("deals")
                    .data(change, MediaType.APPLICATION_JSON));
            return true;
        } catch (IOException | IllegalStateException gone) {
            subscribers.remove(emitter);
            return false;
        }
    }

    private void sendComment(SseEmitter emitter) {
        try {
            emitter.send(SseEmitter.event().comment("still here"));
        } catch (IOException | IllegalStateException gone) {
            subscribers.remove(emitter);
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-updates");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException failure) {
                log.warn("live updates: {}", failure.toString());
            }
        }, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        timer = null;
        if (running != null) {
            running.shutdownNow();
        }
        subscribers.forEach(SseEmitter::complete);
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
