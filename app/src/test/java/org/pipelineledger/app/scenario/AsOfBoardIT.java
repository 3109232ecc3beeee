package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pipelineledger.app.scenario.LedgerHttp.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.scenario.LedgerHttp.Reply;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageReverted;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The board as of random instants, known at random instants, equals a plain replay of every event in the store (in
 * memory, here, with rules of its own), over random histories with imported, backdated deals: with the as-of index up
 * to date, while its processor is stopped (the events after its token come from the store), and after a reset of the
 * read models. A context of its own: it stops and resets the processor that every read model shares.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.test.context=as-of-board")
@ActiveProfiles({"embedded", "test"})
class AsOfBoardIT {

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    private final Random random = new Random(2121);
    private final List<String> stages = new ArrayList<>();
    private LedgerHttp http;

    @Test
    void theBoardAsOfEqualsAReplayOfEveryEventForRandomInstantsWhateverTheIndexHolds() {
        http = new LedgerHttp(port);
        http.get("analyst", "/api/board").json().path("stages").forEach(s -> stages.add(s.path("stage").asText()));
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            deals.add(deal(i % 2 == 0));
        }
        deals.forEach(this::changes);
        awaitReadModels();
        compare(40, "index up to date");

        StreamingEventProcessor processor = processing.eventProcessor("projections", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        try {
            for (int i = 0; i < 4; i++) {
                deals.add(deal(i % 2 == 0));
            }
            deals.forEach(this::changes);
            compare(40, "processor stopped: the index lags");

            processor.resetTokens();
            compare(15, "read models reset, not started");
        } finally {
            processor.start();
        }
        compare(10, "replaying");
        awaitReadModels();
        compare(15, "rebuilt");
    }

    /** A new deal: imported (backdated, as an admin) or live (now, as a rep). */
    private String deal(boolean imported) {
        String id = "asof-board-" + UUID.randomUUID();
        Instant at = imported ? Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(200) * 86_400L)
                : null;
        Reply created = http.post(imported ? "admin" : "rep", "/api/opportunities", body("id", id, "name", "Deal " + id,
                "account", "Account", "owner", imported ? "rep" : null, "stage", stages.get(random.nextInt(2)),
                "amount", 100 + random.nextInt(10_000), "closeDate", "2031-06-30",
                "occurredAt", at == null ? null : at.toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    /** A few random changes, backdated after the deal's last event if it was imported; refusals are skipped. */
    private void changes(String id) {
        JsonNode history = http.history(id);
        Instant last = Instant.parse(history.get(history.size() - 1).path("occurredAt").asText());
        boolean imported = last.isBefore(Instant.now().minus(Duration.ofDays(30)));
        JsonNode deal = http.get("analyst", "/api/opportunities/" + id + "?knownAt=" + Instant.now()).json();
        String status = deal.path("status").asText();
        int stage = stages.indexOf(deal.path("stage").asText());
        for (int n = random.nextInt(4); n > 0; n--) {
            last = last.plusSeconds(1 + random.nextInt(20) * 86_400L);
            String occurredAt = imported ? last.toString() : null;
            String user = imported ? "admin" : "rep";
            String path = "/api/opportunities/" + id;
            int dice = random.nextInt(10);
            Reply reply;
            if (!"OPEN".equals(status)) {
                stage = random.nextInt(stages.size());
                reply = http.post(user, path + "/reopen", body("stage", stages.get(stage), "note", "back",
                        "occurredAt", occurredAt));
                status = "OPEN";
            } else if (dice < 4 && stage < stages.size() - 1) {
                reply = http.post(user, path + "/stage", body("stage", stages.get(++stage), "occurredAt", occurredAt));
            } else if (dice < 6 && stage > 0) {
                reply = http.post(user, path + "/stage", body("stage", stages.get(--stage), "reason", "BUDGET",
                        "note", "cut", "occurredAt", occurredAt));
            } else if (dice < 8) {
                reply = http.post(user, path + "/amount", body("amount", 100 + random.nextInt(10_000),
                        "occurredAt", occurredAt));
            } else if (dice == 8) {
                reply = http.post(user, path + "/won", body("note", "signed", "occurredAt", occurredAt));
                status = "WON";
            } else {
                reply = http.post(user, path + "/lost", body("reason", "price", "occurredAt", occurredAt));
                status = "LOST";
            }
            if (reply.status() >= 400) {
                // entry criteria and the like: the history is what was accepted; the replay reads it from the store
                JsonNode now = http.get("analyst", path + "?knownAt=" + Instant.now()).json();
                status = now.path("status").asText();
                stage = stages.indexOf(now.path("stage").asText());
            }
        }
    }

    /** The board over HTTP against the replay, for random (asOf, knownAt) pairs drawn around the events' times. */
    private void compare(int trials, String when) {
        Map<String, List<Stamped>> streams = streams();
        List<Stamped> all = streams.values().stream().flatMap(List::stream).toList();
        for (int trial = 0; trial < trials; trial++) {
            Instant now = Instant.now();
            Instant asOf = trial % 7 == 0 ? now : near(all.get(random.nextInt(all.size())).occurredAt(), now);
            Instant knownAt = trial % 5 == 0 ? now : near(all.get(random.nextInt(all.size())).recordedAt(), now);
            Map<String, BigDecimal[]> expected = replay(streams, asOf, knownAt);
            JsonNode board = http.get("analyst", "/api/board?asOf=" + asOf + "&knownAt=" + knownAt).json();
            Map<String, BigDecimal[]> actual = new TreeMap<>();
            long openCount = 0;
            for (JsonNode column : board.path("stages")) {
                if (column.path("count").asLong() != 0) {
                    actual.put(column.path("stage").asText(), new BigDecimal[] {
                            BigDecimal.valueOf(column.path("count").asLong()),
                            column.path("totalAmount").decimalValue().stripTrailingZeros()});
                }
                openCount += column.path("count").asLong();
            }
            String label = when + ", as of " + asOf + " known at " + knownAt + ": " + board;
            assertThat(render(actual)).as(label).isEqualTo(render(expected));
            assertThat(board.path("openCount").asLong()).as(label).isEqualTo(openCount);
            assertThat(board.path("asOf").asText()).isEqualTo(asOf.toString());
            assertThat(board.path("knownAt").asText()).isEqualTo(knownAt.toString());
        }
    }

    /** An event's time itself, a nanosecond either side, or a few hours later; never after now. */
    private Instant near(Instant at, Instant now) {
        Instant near = switch (random.nextInt(4)) {
            case 0 -> at.minusNanos(1);
            case 1 -> at.plusNanos(1);
            case 2 -> at.plusSeconds(random.nextInt(36_000));
            default -> at;
        };
        return near.isAfter(now) ? now : near;
    }

    private record Stamped(OpportunityEvent event, Instant occurredAt, Instant recordedAt) {
    }

    /** Every deal's events as the store holds them. */
    private Map<String, List<Stamped>> streams() {
        Map<String, List<Stamped>> streams = new HashMap<>();
        for (String id : jdbc.queryForList("SELECT DISTINCT aggregateidentifier FROM domainevententry", String.class)) {
            List<Stamped> events = new ArrayList<>();
            eventStore.readEvents(id, 0).asStream().forEach((DomainEventMessage<?> message) -> {
                if (message.getPayload() instanceof OpportunityEvent event) {
                    events.add(new Stamped(event, event.occurredAt(), message.getTimestamp()));
                }
            });
            streams.put(id, events);
        }
        return streams;
    }

    /** Open deals by stage of the default pipeline: count and amount, each deal replayed up to the cut. */
    private static Map<String, BigDecimal[]> replay(Map<String, List<Stamped>> streams, Instant asOf,
                                                    Instant knownAt) {
        Map<String, BigDecimal[]> board = new TreeMap<>();
        for (List<Stamped> events : streams.values()) {
            String pipeline = null;
            String stage = null;
            boolean open = false;
            BigDecimal amount = null;
            for (Stamped stamped : events) {
                if (stamped.occurredAt().compareTo(asOf) > 0 || stamped.recordedAt().compareTo(knownAt) > 0) {
                    break;
                }
                OpportunityEvent event = stamped.event();
                if (event instanceof OpportunityCreated created) {
                    pipeline = created.pipeline();
                    stage = created.stage().value();
                    amount = created.amount().amount();
                    open = true;
                } else if (event instanceof StageAdvanced advanced) {
                    stage = advanced.to().value();
                } else if (event instanceof StageReverted reverted) {
                    stage = reverted.to().value();
                } else if (event instanceof AmountChanged changed) {
                    amount = changed.to().amount();
                } else if (event instanceof OpportunityWon won) {
                    open = false;
                    amount = won.amount() == null ? amount : won.amount().amount();
                } else if (event instanceof OpportunityLost lost) {
                    open = false;
                    amount = lost.amount() == null ? amount : lost.amount().amount();
                } else if (event instanceof OpportunityReopened reopened) {
                    open = true;
                    stage = reopened.stage().value();
                }
            }
            if (open && "default".equals(pipeline)) {
                BigDecimal[] column = board.computeIfAbsent(stage, s -> new BigDecimal[] {BigDecimal.ZERO,
                        BigDecimal.ZERO});
                column[0] = column[0].add(BigDecimal.ONE);
                column[1] = column[1].add(amount);
            }
        }
        board.values().forEach(column -> column[1] = column[1].stripTrailingZeros());
        return board;
    }

    private static String render(Map<String, BigDecimal[]> board) {
        StringBuilder text = new StringBuilder();
        board.forEach((stage, column) -> text.append(stage).append(' ').append(column[0].toPlainString()).append(' ')
                .append(column[1].toPlainString()).append('\n'));
        return text.toString();
    }

    private void awaitReadModels() {
        await("read models up to date").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("analyst", "/api/read-models/status").json().path("upToDate").asBoolean());
    }
}
