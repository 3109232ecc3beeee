package org.pipelineledger.bench.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.NextStepSet;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OutlookChanged;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;

/**
 * Writes a deterministic, valid event history straight through the application's own storage engine (so the rows,
 * payloads and metadata are exactly what the ledger writes) without paying for the command path: seeding a million
 * events through commands would take longer than the benchmark. Every deal stays open, so the board shows all of them.
 * Deals are interleaved round by round, as real traffic interleaves them in the global stream.
 */
public final class EventSeeder {

    /** Axon stores the aggregate's simple class name in the {@code type} column. */
    static final String AGGREGATE_TYPE = "Opportunity";
    static final List<StageKey> STAGES = List.of(StageKey.of("PROSPECTING"), StageKey.of("QUALIFIED"),
            StageKey.of("DISCOVERY"), StageKey.of("PROPOSAL"), StageKey.of("NEGOTIATION"));
    private static final int BATCH = 1_000;
    /** The earliest business time of the seeded history; each deal's events then follow 7 to 46 hours apart. */
    public static final Instant BASE = Instant.parse("2026-03-01T08:00:00Z");
    private static final String[] OWNERS = {"rep", "rep2", "manager"};
    /** What the metrics group by (issue 20): seven products, two teams, three regions, sectors of the CRM sample. */
    private static final String[] PRODUCTS = {"GTX Basic", "GTX Pro", "MG Special", "MG Advanced", "GTX Plus Pro",
        "GTX Plus Basic", "GTK 500"};
    private static final String[] TEAMS = {"Dustin Brinkmann", "Melvin Marxen", "Dustin Brinkmann"};
    private static final String[] REGIONS = {"Central", "East", "West"};
    private static final String[] SECTORS = {"technology", "medical", "retail", "software", "finance"};
    private static final Outlook[] OUTLOOK_CYCLE = {Outlook.POSITIVE, Outlook.CAUTIOUS, Outlook.NEGATIVE, Outlook.NEUTRAL};

    private EventSeeder() {
    }

    public static String dealId(int deal) {
        return String.format("bench-%07d", deal);
    }

    /**
     * The body that builds the database replay and queries start from, once per invocation and size: the tuned app
     * writes the events and its projections catch up; each run then starts from a copy of its {@code data/}.
     */
    public static void prepareTemplate(BenchArgs args, ChildResult result) throws Exception {
        try (LedgerApp app = LedgerApp.start(args)) {
            long start = System.nanoTime();
            long written = app.seed(args);
            result.info("events_written", written);
            result.info("seed_events_per_s", written / ((System.nanoTime() - start) / 1e9));
            app.awaitCatchUp(result);
            result.info("prepare_seconds", (System.nanoTime() - start) / 1e9);
            result.info("processors", app.describeProcessors());
        }
    }

    /** Appends {@code deals × eventsPerDeal} events in batches of 1,000, round by round; returns the number written. */
    public static long seed(EventStorageEngine engine, int deals, int eventsPerDeal) {
        Deal[] state = IntStream.range(0, deals).mapToObj(Deal::new).toArray(Deal[]::new);
        long total = (long) deals * eventsPerDeal;
        List<DomainEventMessage<?>> batch = new ArrayList<>(BATCH);
        for (long n = 0; n < total; n++) {
            batch.add(state[(int) (n % deals)].next((int) (n / deals)));
            if (batch.size() == BATCH || n + 1 == total) {
                engine.appendEvents(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        return total;
    }

    /** One deal's state, so that every generated event is one the aggregate could have decided. */
    private static final class Deal {
        private final OpportunityId id;
        private final String owner;
        private final MetaData metaData;
        private final DealProfile profile;
        private int stage;
        private int outlookChanges;
        private Outlook outlook = Outlook.NEUTRAL;
        private LocalDate closeDate;
        private BigDecimal amount;
        private Instant time;

        Deal(int number) {
            id = OpportunityId.of(dealId(number));
            owner = OWNERS[number % OWNERS.length];
            closeDate = LocalDate.of(2026, 12, 1).plusDays(number % 90);
            amount = BigDecimal.valueOf(5_000 + (number % 97) * 250L);
            time = BASE.plus(Duration.ofMinutes(number % 10_000));
            int account = id.hashCode() & 0xfff;
            profile = new DealProfile(PRODUCTS[number % PRODUCTS.length], TEAMS[number % OWNERS.length],
                    REGIONS[(number / OWNERS.length) % REGIONS.length], SECTORS[account % SECTORS.length],
                    100 + account * 7);
            UUID request = new UUID(0xbe_c4L, number);
            metaData = MetaData.from(Map.of(
                    "actor", owner,
                    "requestId", request.toString(),
                    "correlationId", request.toString()));
        }

        DomainEventMessage<?> next(int sequence) {
            time = time.plus(Duration.ofHours(7 + (sequence * 13L + stage) % 40));
            OpportunityEvent event = sequence == 0 ? created() : change(sequence);
            return new GenericDomainEventMessage<>(AGGREGATE_TYPE, id.value(), sequence, event, metaData);
        }

        private OpportunityEvent created() {
            return new OpportunityCreated(id, "Bench deal " + id.value(), "Account " + (id.hashCode() & 0xfff),
                    owner, "default", STAGES.get(0), Money.of(amount, "USD"), closeDate, outlook, time, profile);
        }

        private OpportunityEvent change(int sequence) {
            return switch (sequence % 6) {
                case 1 -> new NoteAdded(id, "Call with the buyer about scope, timeline and the security review (" + sequence + ")", time);
                case 2 -> {
                    Outlook from = outlook;
                    outlook = OUTLOOK_CYCLE[outlookChanges++ % OUTLOOK_CYCLE.length];
                    yield new OutlookChanged(id, from, outlook, "bench", time);
                }
                case 3 -> {
                    LocalDate from = closeDate;
                    closeDate = closeDate.plusDays(7);
                    yield new CloseDateSlipped(id, from, closeDate, 7, "legal review", time);
                }
                case 4 -> {
                    BigDecimal from = amount;
                    amount = amount.add(BigDecimal.valueOf(500));
                    yield new AmountChanged(id, Money.of(from, "USD"), Money.of(amount, "USD"), "scope grew", time);
                }
                case 5 -> {
                    if (stage + 1 < STAGES.size()) {
                        StageKey from = STAGES.get(stage++);
                        yield new StageAdvanced(id, from, STAGES.get(stage), time);
                    }
                    yield new NextStepSet(id, "Send the revised proposal", time.atZone(ZoneOffset.UTC).toLocalDate().plusDays(5), time);
                }
                default -> {
                    if (stage > 0) {
                        StageKey from = STAGES.get(stage--);
                        yield new StageReverted(id, from, STAGES.get(stage), ReversionReason.NEW_DECISION_MAKER,
                                "The new CFO wants to re-qualify the budget", time);
                    }
                    yield new NoteAdded(id, "Quiet week", time);
                }
            };
        }
    }
}
