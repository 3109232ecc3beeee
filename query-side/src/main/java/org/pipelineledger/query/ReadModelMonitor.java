package org.pipelineledger.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers {@link GetReadModelStatus}: the head of the event store against the position of every processor that feeds
 * the read models, as this instance sees them. The head is read first, so a processor may report a position past
 * it; it is then up to date with that head. Positions are compared, so an event whose insert committed after that of
 * a later one (a gap the processor is still waiting to fill, which only concurrent writers produce) is not noticed.
 * <p>
 * With several nodes (ADR 0018) a segment another node holds is read from the shared token store: its token is
 * committed with the read models' rows of the same batch, so its position is what this node's queries see. What only
 * the owner knows (a batch it is retrying, its error) this node cannot tell: such a segment shows as claimed, its
 * position not advancing.
 */
@Component
class ReadModelMonitor {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final ProcessorFailures failures;
    private final DeadLetters deadLetters;
    private final NamedParameterJdbcTemplate jdbc;
    private final NodeRegistry nodes;
    private final Duration claimTimeout;
    private final Clock wallClock = Clock.systemUTC();
    /** Read models rebuilt beside the live ones (ADR 0019); set by Spring. */
    private ReadModelRebuilds rebuilds;

    ReadModelMonitor(EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokenStore,
                     ProcessorFailures failures, DeadLetters deadLetters, NamedParameterJdbcTemplate jdbc,
                     NodeRegistry nodes,
                     @Value("${axon.eventhandling.tokenstore.claim-timeout:"
                             + ProcessingConfiguration.DEFAULT_CLAIM_TIMEOUT + "}") Duration claimTimeout) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.failures = failures;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.claimTimeout = claimTimeout;
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
                nodes.node(), Math.max(1, nodes.liveNodes()), rebuilds == null ? List.of() : rebuilds.rebuilds());
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
                    null, running ? 0L : null, 0, 0, parkedDeals > 0, null, parkedDeals, List.of());
        }
        Map<Integer, EventTrackerStatus> claimed = streaming.processingStatus();
        List<ReadModelStatus.Claim> claims = claims(processor.getName(), claimed);
        int segments = claims.size();
        boolean failing = false;
        boolean beforeFirstEvent = false;
        boolean everySegmentHeld = segments > 0;
        long slowest = Long.MAX_VALUE;
        for (ReadModelStatus.Claim claim : claims) {
            EventTrackerStatus own = claimed.get(claim.segment());
            Long at;
            if (own != null) {
                // this node's own view: ahead of the token store by nothing (both move when a batch commits)
                failing |= own.isErrorState();
                at = own.getCurrentPosition().isPresent() ? own.getCurrentPosition().getAsLong() : null;
            } else {
                everySegmentHeld &= claim.owner() != null && !claim.expired();
                at = claim.position();
            }
            if (at == null) {
                beforeFirstEvent = true;
            } else {
                slowest = Math.min(slowest, at);
            }
        }
        // a segment this node claimed a moment ago may not be in the token store's rows it just read
        for (Map.Entry<Integer, EventTrackerStatus> own : claimed.entrySet()) {
            if (claims.stream().noneMatch(claim -> claim.segment() == own.getKey())) {
                failing |= own.getValue().isErrorState();
            }
        }
        Long position = segments == 0 || beforeFirstEvent ? null : slowest;
        Long behind = null;
        if (segments > 0) {
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
        boolean upToDate = running && !failing && everySegmentHeld && behind != null && behind == 0;
        return new ReadModelStatus.Processor(processor.getName(), groups, running, upToDate, position, behind,
                segments, claimed.size(), failing, error, parkedDeals, claims);
    }

    /** The processor's segments as the shared token store has them, in segment order. */
    private List<ReadModelStatus.Claim> claims(String processor, Map<Integer, EventTrackerStatus> claimedHere) {
        Instant now = wallClock.instant();
        return jdbc.query("SELECT segment, token, tokentype, timestamp, owner FROM tokenentry"
                        + " WHERE processorname = :processor ORDER BY segment",
                new MapSqlParameterSource("processor", processor), (rs, row) -> {
                    int segment = rs.getInt("segment");
                    String owner = rs.getString("owner");
                    Instant renewedAt = instant(rs.getString("timestamp"));
                    TrackingToken token = deserialize(rs.getBytes("token"), rs.getString("tokentype"));
                    Long position = token == null || token.position().isEmpty() ? null : token.position().getAsLong();
                    boolean expired = owner != null && renewedAt != null
                            && renewedAt.plus(claimTimeout).isBefore(now);
                    return new ReadModelStatus.Claim(segment, owner, claimedHere.containsKey(segment), position,
                            renewedAt, expired);
                });
    }

    /** Axon's token store writes its timestamps as ISO-8601 instants. */
    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The token a segment stands at, unwrapped from a replay; {@code null} for none or one this cannot read. */
    private TrackingToken deserialize(byte[] bytes, String type) {
        if (bytes == null || type == null || !(tokenStore instanceof JdbcTokenStore jdbcTokens)) {
            return null;
        }
        Object token = jdbcTokens.serializer().deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type,
                null));
        return token instanceof TrackingToken tracking ? WrappedToken.unwrapLowerBound(tracking) : null;
    }
}
