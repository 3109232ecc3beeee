package org.pipelineledger.app.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.pipelineledger.query.DeadLetters;
import org.pipelineledger.query.GetReadModelStatus;
import org.pipelineledger.query.ReadModelStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models as gauges, from the status {@code GET /api/read-models/status} answers (query side's
 * {@code ReadModelMonitor}): each processor's lag in events ({@value #LAG_EVENTS}, its {@code behind}) and in seconds
 * ({@value #LAG_SECONDS}: the age of the oldest stored event it has not projected, by the time the store recorded it;
 * 0 when it is at the head), and each read model's dead letters ({@value #DEAD_LETTER_DEALS} and
 * {@value #DEAD_LETTER_EVENTS}, ADR 0012). A lag is NaN while the status cannot say (no segment claimed).
 * <p>
 * One status is read per scrape at most ({@link Sampled}); the set of processors and read models is taken from it,
 * so one that appears later gets its gauges with the first scrape that sees it.
 */
final class ReadModelMetrics {

    static final String LAG_EVENTS = "ledger.processor.lag.events";
    static final String LAG_SECONDS = "ledger.processor.lag.seconds";
    static final String DEAD_LETTER_DEALS = "ledger.dead.letters.deals";
    static final String DEAD_LETTER_EVENTS = "ledger.dead.letters.events";

    /** What the gauges show: by processor, and by read model. */
    record Figures(Map<String, Double> lagEvents, Map<String, Double> lagSeconds, Map<String, Long> parkedDeals,
                   Map<String, Long> parkedEvents) {

        /** The last figures' processors and read models, with unknown lags and dead letters. */
        static Figures unknown(Figures last) {
            if (last == null) {
                return new Figures(Map.of(), Map.of(), Map.of(), Map.of());
            }
            Map<String, Double> lags = new LinkedHashMap<>();
            last.lagEvents.keySet().forEach(processor -> lags.put(processor, Double.NaN));
            Map<String, Long> letters = new LinkedHashMap<>();
            last.parkedDeals.keySet().forEach(readModel -> letters.put(readModel, null));
            return new Figures(lags, lags, letters, letters);
        }
    }

    private final QueryGateway queryGateway;
    private final JdbcTemplate jdbc;
    private final Clock recordClock;
    private final Sampled<Figures> figures;
    private final MultiGauge lagEvents;
    private final MultiGauge lagSeconds;
    private final MultiGauge parkedDeals;
    private final MultiGauge parkedEvents;
    private Figures registered;

    /**
     * @param recordClock the clock the store's events are stamped with (Axon's), against which their age is taken
     */
    ReadModelMetrics(MeterRegistry registry, QueryGateway queryGateway, JdbcTemplate jdbc, Clock recordClock,
                     Duration maxAge) {
        this.queryGateway = queryGateway;
        this.jdbc = jdbc;
        this.recordClock = recordClock;
        this.figures = new Sampled<>(this::read, Figures::unknown, maxAge, System::nanoTime);
        this.lagEvents = MultiGauge.builder(LAG_EVENTS)
                .description("Events stored that the processor has not projected yet (its slowest segment)")
                .register(registry);
        this.lagSeconds = MultiGauge.builder(LAG_SECONDS).baseUnit("seconds")
                .description("Age of the oldest stored event the processor has not projected yet; 0 at the head")
                .register(registry);
        this.parkedDeals = MultiGauge.builder(DEAD_LETTER_DEALS)
                .description("Deals whose events the read model parked in its dead-letter queue")
                .register(registry);
        this.parkedEvents = MultiGauge.builder(DEAD_LETTER_EVENTS)
                .description("Events the read model parked in its dead-letter queue")
                .register(registry);
    }

    /** Registers the gauges of the processors and read models there are now; later ones come with a scrape. */
    void start() {
        current();
    }

    private Figures current() {
        Figures now = figures.get();
        synchronized (this) {
            if (registered == null || !registered.lagEvents.keySet().equals(now.lagEvents.keySet())
                    || !registered.parkedDeals.keySet().equals(now.parkedDeals.keySet())) {
                register(now);
            }
        }
        return now;
    }

    private void register(Figures now) {
        if (now.lagEvents.isEmpty() && registered != null) {
            return; // a failed read keeps the gauges there were
        }
        List<MultiGauge.Row<?>> events = new ArrayList<>();
        List<MultiGauge.Row<?>> seconds = new ArrayList<>();
        now.lagEvents.keySet().forEach(processor -> {
            Tags tags = Tags.of("processor", processor);
            events.add(MultiGauge.Row.of(tags, this, metrics -> metrics.current().lagEvents.getOrDefault(processor,
                    Double.NaN)));
            seconds.add(MultiGauge.Row.of(tags, this, metrics -> metrics.current().lagSeconds.getOrDefault(processor,
                    Double.NaN)));
        });
        List<MultiGauge.Row<?>> deals = new ArrayList<>();
        List<MultiGauge.Row<?>> letters = new ArrayList<>();
        now.parkedDeals.keySet().forEach(readModel -> {
            Tags tags = Tags.of("read_model", readModel);
            deals.add(MultiGauge.Row.of(tags, this, metrics -> count(metrics.current().parkedDeals, readModel)));
            letters.add(MultiGauge.Row.of(tags, this, metrics -> count(metrics.current().parkedEvents, readModel)));
        });
        lagEvents.register(events, true);
        lagSeconds.register(seconds, true);
        parkedDeals.register(deals, true);
        parkedEvents.register(letters, true);
        registered = now;
    }

    private static double count(Map<String, Long> counts, String key) {
        Long count = counts.get(key);
        return count == null ? Double.NaN : count;
    }

    private Figures read() {
        ReadModelStatus status = queryGateway.query(new GetReadModelStatus(), ReadModelStatus.class).join();
        Map<String, Double> events = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Long> deals = new LinkedHashMap<>();
        Map<String, Long> letters = new LinkedHashMap<>();
        for (ReadModelStatus.Processor processor : status.processors()) {
            events.put(processor.name(), processor.behind() == null ? Double.NaN : processor.behind());
            seconds.put(processor.name(), lagSeconds(processor));
            processor.processingGroups().forEach(readModel -> {
                deals.put(readModel, 0L);
                letters.put(readModel, 0L);
            });
        }
        for (DeadLetters.ParkedDeal parked : status.parked()) {
            deals.merge(parked.readModel(), 1L, Long::sum);
            letters.merge(parked.readModel(), (long) parked.events().size(), Long::sum);
        }
        return new Figures(events, seconds, deals, letters);
    }

    /**
     * The age of the first event after the processor's position (before its first event, of the oldest event); 0
     * when there is none, which happens when {@code behind} counted only positions left by rolled-back inserts.
     */
    private double lagSeconds(ReadModelStatus.Processor processor) {
        if (processor.behind() == null) {
            return Double.NaN;
        }
        if (processor.behind() == 0) {
            return 0;
        }
        long after = processor.position() == null ? -1 : processor.position();
        List<String> oldest = jdbc.queryForList("SELECT timestamp FROM domainevententry WHERE globalindex > ?"
                + " ORDER BY globalindex FETCH FIRST 1 ROWS ONLY", String.class, after);
        if (oldest.isEmpty() || oldest.get(0) == null) {
            return 0;
        }
        Duration age = Duration.between(Instant.parse(oldest.get(0)), recordClock.instant());
        return Math.max(0, age.toMillis() / 1000.0);
    }
}
