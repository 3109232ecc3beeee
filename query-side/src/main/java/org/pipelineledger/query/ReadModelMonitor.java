package org.pipelineledger.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Answers {@link GetReadModelStatus}: the head of the event store against the position of every processor that feeds
 * the read models, as this instance sees them. The head is read first, so a processor may report a position past
 * it; it is then up to date with that head. Positions are compared, so an event whose insert committed after that of
 * a later one (a gap the processor is still waiting to fill, which only concurrent writers produce) is not noticed.
 */
@Component
class ReadModelMonitor {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final ProcessorFailures failures;
    private final DeadLetters deadLetters;
    /** Read models rebuilt beside the live ones (ADR 0019); set by Spring. */
    private ReadModelRebuilds rebuilds;

    ReadModelMonitor(EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokenStore,
                     ProcessorFailures failures, DeadLetters deadLetters) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.failures = failures;
        this.deadLetters = deadLetters;
    }

    @Autowired(required = false)
    void setRebuilds(ReadModelRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @QueryHandler
    ReadModelStatus handle(GetReadModelStatus query) {
        long head = indexOf(eventStore.createHeadToken());
        // processors by identity, in the order of the first read model each feeds
        Map<EventProcessor, List<String>> groupsByProcessor = new LinkedHashMap<>();
        for (String group : ProcessingConfiguration.PROCESSING_GROUPS) {
            processing.eventProcessorByProcessingGroup(group).ifPresent(processor -> groupsByProcessor
                    .computeIfAbsent(processor, ignored -> new ArrayList<>()).add(group));
        }
        Map<String, Long> parkedDeals = deadLetters.parkedDealsByReadModel();
        List<ReadModelStatus.Processor> processors = new ArrayList<>();
        groupsByProcessor.forEach((processor, groups) -> processors.add(describe(processor, groups, head,
                groups.stream().mapToLong(group -> parkedDeals.getOrDefault(group, 0L)).sum())));
        boolean upToDate = processors.stream().allMatch(ReadModelStatus.Processor::upToDate);
        boolean anyParked = parkedDeals.values().stream().anyMatch(count -> count > 0);
        return new ReadModelStatus(head, upToDate, processors, anyParked ? deadLetters.list() : List.of(),
                rebuilds == null ? List.of() : rebuilds.rebuilds());
    }

    /** A token's global index; -1 for none (the store's head and tail tokens of an empty store). */
    private static long indexOf(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private ReadModelStatus.Processor describe(EventProcessor processor, List<String> groups, long head,
                                               long parkedDeals) {
        boolean running = processor.isRunning();
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            // a subscribing processor handles each event in the transaction that publishes it
            return new ReadModelStatus.Processor(processor.getName(), groups, running, running && parkedDeals == 0,
                    null, running ? 0L : null, 0, 0, parkedDeals > 0, null, parkedDeals);
        }
        int segments = tokenStore.fetchSegments(processor.getName()).length;
        Map<Integer, EventTrackerStatus> claimed = streaming.processingStatus();
        boolean failing = false;
        boolean beforeFirstEvent = false;
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : claimed.values()) {
            failing |= segment.isErrorState();
            if (segment.getCurrentPosition().isPresent()) {
                slowest = Math.min(slowest, segment.getCurrentPosition().getAsLong());
            } else {
                beforeFirstEvent = true;
            }
        }
        Long position = claimed.isEmpty() || beforeFirstEvent ? null : slowest;
        Long behind = null;
        if (!claimed.isEmpty()) {
            // before its first event a processor stands just before the oldest stored event
            long projected = position != null ? position : indexOf(eventStore.createTailToken());
            behind = Math.max(0, head - projected);
        }
        // Axon's pooled processor releases a failed segment and claims it again after a back-off: in between, only
        // its own error flag and the failure it reported to its error handler tell that it is retrying
        ReadModelStatus.Error error = failures.current(processor.getName(), position)
                .map(failure -> new ReadModelStatus.Error(failure.type(), failure.message(), failure.at()))
                .orElse(null);
        failing |= streaming.isError() || error != null || parkedDeals > 0;
        // by position, not by Axon's caught-up flag: that one is set only when the processor next finds the stream
        // empty, a moment after it has projected the newest event
        boolean upToDate = running && !failing && segments > 0 && claimed.size() >= segments
                && behind != null && behind == 0;
        return new ReadModelStatus.Processor(processor.getName(), groups, running, upToDate, position, behind,
                segments, claimed.size(), failing, error, parkedDeals);
    }
}
