package org.pipelineledger.query;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The nodes sharing this database, and each processor's fair share of segments per node (ADR 0018). Every node writes
 * its row in {@code ledger_node} every heartbeat; a node not seen within the claim timeout is gone, as its claims are.
 * Axon's pooled processor asks {@link #fairShare(String)} before it claims a segment and releases what it holds above
 * it, so a node that joins gets segments from the others, and a node that dies leaves its share to the rest once both
 * its row and its claims have expired. One node alone holds every segment, as without the registry.
 */
final class NodeRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);

    /** Rows of nodes gone this long are deleted (every restart is a new node id). */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final NamedParameterJdbcTemplate jdbc;
    private final TokenStore tokenStore;
    private final String node;
    private final Duration heartbeat;
    private final Duration claimTimeout;
    private final Clock clock = Clock.systemUTC();
    private final long startedAt = clock.millis();
    private final Map<String, Integer> segmentsByProcessor = new ConcurrentHashMap<>();
    private volatile int liveNodes;
    private ScheduledExecutorService executor;

    NodeRegistry(NamedParameterJdbcTemplate jdbc, TokenStore tokenStore, String node, Duration heartbeat,
                 Duration claimTimeout) {
        this.jdbc = jdbc;
        this.tokenStore = tokenStore;
        this.node = node;
        this.heartbeat = heartbeat;
        this.claimTimeout = claimTimeout;
    }

    /** This node's id: the owner its claims carry in the token store. */
    String node() {
        return node;
    }

    /** Nodes seen within the claim timeout at the last heartbeat, this one included; 0 before the first. */
    int liveNodes() {
        return liveNodes;
    }

    /**
     * The most segments of {@code processor} this node should hold: its segments divided by the live nodes, rounded
     * up; every segment until the first heartbeat has counted the nodes.
     */
    int fairShare(String processor) {
        int nodes = liveNodes;
        Integer segments = segmentsByProcessor.computeIfAbsent(processor, ignored -> 0);
        if (nodes <= 1 || segments == 0) {
            return Short.MAX_VALUE;
        }
        return (segments + nodes - 1) / nodes;
    }

    /** One heartbeat: this node's row written, the live nodes counted, each processor's segments counted again. */
    void beat() {
        long now = clock.millis();
        MapSqlParameterSource row = new MapSqlParameterSource("node", node).addValue("now", now)
                .addValue("startedAt", startedAt);
        if (jdbc.update("UPDATE ledger_node SET seen_at = :now WHERE node = :node", row) == 0) {
            jdbc.update("INSERT INTO ledger_node (node, started_at, seen_at) VALUES (:node, :startedAt, :now)", row);
        }
        Integer live = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_node WHERE seen_at >= :since",
                new MapSqlParameterSource("since", now - claimTimeout.toMillis()), Integer.class);
        liveNodes = Math.max(1, live == null ? 1 : live);
        jdbc.update("DELETE FROM ledger_node WHERE seen_at < :forgotten",
                new MapSqlParameterSource("forgotten", now - FORGET_AFTER.toMillis()));
        segmentsByProcessor.replaceAll((processor, ignored) -> tokenStore.fetchSegments(processor).length);
    }

    private void beatAndLog() {
        try {
            beat();
        } catch (RuntimeException e) {
            // the claims are what keep the segments safe; a missed heartbeat only delays a rebalance
            log.warn("Could not write this node's heartbeat ({}), trying again in {}: {}", node, heartbeat,
                    e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor == null) {
            // counted before the processors claim anything, where the lifecycle order allows
            beatAndLog();
            executor = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "ledger-node-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::beatAndLog, heartbeat.toMillis(), heartbeat.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            // a node that stops leaves at once: the others take its share without waiting for its row to expire
            jdbc.update("DELETE FROM ledger_node WHERE node = :node", new MapSqlParameterSource("node", node));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("Could not remove this node's row ({}): {}", node, e.toString());
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Early: started before the processors where Spring orders them, stopped after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE / 2;
    }
}
