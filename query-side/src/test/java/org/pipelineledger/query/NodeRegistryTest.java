package org.pipelineledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.junit.jupiter.api.Test;
import org.pipelineledger.query.testing.TestDatabase;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Each node's share of a processor's segments, from the nodes' heartbeat rows (ADR 0018). */
class NodeRegistryTest {

    private static final Duration BEAT = Duration.ofSeconds(1);
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);

    private final NamedParameterJdbcTemplate jdbc = TestDatabase.migrated();
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();

    private NodeRegistry node(String name) {
        return new NodeRegistry(jdbc, tokens, name, BEAT, CLAIM_TIMEOUT);
    }

    @Test
    void aNodeAloneMayHoldEverySegmentAndThreeNodesShareFourSegmentsAtMostTwoEach() {
        tokens.initializeTokenSegments("projections", 4);
        NodeRegistry a = node("node-a");
        assertThat(a.fairShare("projections")).as("before any heartbeat").isGreaterThanOrEqualTo(4);
        a.beat();
        assertThat(a.liveNodes()).isEqualTo(1);
        assertThat(a.fairShare("projections")).isGreaterThanOrEqualTo(4);

        NodeRegistry b = node("node-b");
        NodeRegistry c = node("node-c");
        b.beat();
        c.beat();
        a.beat();
        assertThat(a.liveNodes()).isEqualTo(3);
        assertThat(a.fairShare("projections")).isEqualTo(2);
    }

    @Test
    void aNodeNotSeenWithinTheClaimTimeoutNoLongerCountsAndOneThatStopsLeavesAtOnce() {
        tokens.initializeTokenSegments("projections", 4);
        NodeRegistry a = node("node-a");
        NodeRegistry b = node("node-b");
        a.fairShare("projections");
        a.beat();
        b.beat();
        jdbc.update("INSERT INTO ledger_node (node, started_at, seen_at) VALUES ('node-dead', 0, :long_ago)",
                Map.of("long_ago", System.currentTimeMillis() - CLAIM_TIMEOUT.toMillis() - 1_000));
        a.beat();
        assertThat(a.liveNodes()).as("node-dead's heartbeat is older than the claim timeout").isEqualTo(2);
        assertThat(a.fairShare("projections")).isEqualTo(2);

        b.start();
        b.stop();
        a.beat();
        assertThat(a.liveNodes()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT node FROM ledger_node ORDER BY node", Map.of(), String.class))
                .containsExactly("node-a", "node-dead");
    }
}
