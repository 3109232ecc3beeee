package org.pipelineledger.bench.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.Poll;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The real application's Spring context, started in this JVM as one variant, with the probes the scenarios need. */
public final class LedgerApp implements AutoCloseable {

    public static final String APPLICATION_CLASS = "org.pipelineledger.app.PipelineLedgerApplication";

    private final ConfigurableApplicationContext context;
    /** Segment counts do not change during a run; asking the token store on every poll would load the database. */
    private final Map<String, Integer> segmentCounts = new ConcurrentHashMap<>();

    private LedgerApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static LedgerApp start(BenchArgs args) {
        return start(args, List.of());
    }

    /** With {@code extra} command-line properties after the variant's own. */
    public static LedgerApp start(BenchArgs args, List<String> extra) {
        List<String> appArgs = new ArrayList<>(LedgerVariants.arguments(args.variant(), args.h2()));
        appArgs.add("--server.port=0");
        appArgs.addAll(extra);
        try {
            // by name: the app module is a repackaged Boot jar, its classes are only on the forked classpath
            Class<?> application = Class.forName(APPLICATION_CLASS);
            return new LedgerApp(new SpringApplicationBuilder(application).run(appArgs.toArray(String[]::new)));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(APPLICATION_CLASS + " is not on the classpath (see benchmarks/pom.xml)", e);
        }
    }

    /** Writes {@code --deals} × {@code --events-per-deal} events through the app's own storage engine. */
    public long seed(BenchArgs args) {
        return EventSeeder.seed(bean(EventStorageEngine.class), args.integer("deals"), args.integer("events-per-deal"));
    }

    /** Waits up to an hour for the projections to reach the head; if they do not, an error says so. */
    public boolean awaitCatchUp(ChildResult result) throws Exception {
        long head = headIndex();
        Duration timeout = Duration.ofHours(1);
        if (secondsToHead(head, timeout).isPresent()) {
            return true;
        }
        result.error("projections did not reach the head (" + head + ") within " + timeout + ": "
                + progressByProcessor(head));
        return false;
    }

    public LedgerHttp http() {
        return new LedgerHttp("http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** What a commit waits for before it is answered (ADR 0013), as the app's {@code durableCommits} bean says it. */
    public String durableCommits() {
        return String.valueOf(context.getBean(QuickStart.DURABLE_COMMITS));
    }

    public long headIndex() {
        return events("MAX(globalindex)", -1);
    }

    public long eventCount() {
        return events("COUNT(*)", 0);
    }

    private long events(String aggregate, long whenEmpty) {
        Long value = new JdbcTemplate(bean(DataSource.class))
                .queryForObject("SELECT " + aggregate + " FROM domainevententry", Long.class);
        return value == null ? whenEmpty : value;
    }

    public Map<String, StreamingEventProcessor> streamingProcessors() {
        Map<String, StreamingEventProcessor> processors = new LinkedHashMap<>();
        bean(EventProcessingConfiguration.class).eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                processors.put(name, streaming);
            }
        });
        return processors;
    }

    /** What actually ran, per processor and for the beans V0 replaces, so a report can show that V0 really was V0. */
    public Map<String, String> describeProcessors() {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("eventStore", context.getBean(QuickStart.EVENT_STORE).getClass().getSimpleName());
        described.put("ids", IdentifierFactory.getInstance().getClass().getSimpleName());
        described.put("targets", context.getBean(QuickStart.TARGET_RESOLVER).getClass().getSimpleName());
        bean(EventProcessingConfiguration.class).eventProcessors().forEach((name, processor) -> {
            String text = processor.getClass().getSimpleName();
            if (processor instanceof StreamingEventProcessor streaming) {
                text += " maxCapacity=" + streaming.maxCapacity()
                        + " segments=" + bean(TokenStore.class).fetchSegments(name).length;
            }
            described.put(name, text);
        });
        return described;
    }

    /** How far the slowest streaming processor has come, and whether every one of them has reached {@code head}. */
    public Progress progress(long head) {
        Collection<Progress> all = progressByProcessor(head).values();
        return new Progress(all.stream().mapToLong(Progress::slowestPosition).min().orElse(0),
                all.stream().allMatch(Progress::allAtHead));
    }

    /** Each streaming processor's slowest segment, and whether all its segments have reached {@code head}. */
    public Map<String, Progress> progressByProcessor(long head) {
        TokenStore tokens = bean(TokenStore.class);
        Map<String, Progress> progress = new LinkedHashMap<>();
        for (Map.Entry<String, StreamingEventProcessor> entry : streamingProcessors().entrySet()) {
            Integer segments = segmentCounts.get(entry.getKey());
            if (segments == null) {
                segments = tokens.fetchSegments(entry.getKey()).length;
                if (segments > 0) {
                    // until the processor has initialised its tokens there is nothing to remember
                    segmentCounts.put(entry.getKey(), segments);
                }
            }
            Map<Integer, EventTrackerStatus> status = entry.getValue().processingStatus();
            boolean atHead = segments > 0 && status.size() >= segments;
            long slowest = status.isEmpty() ? 0 : Long.MAX_VALUE;
            for (EventTrackerStatus segment : status.values()) {
                if (segment.isErrorState()) {
                    throw new IllegalStateException("processor " + entry.getKey() + " failed", segment.getError());
                }
                long position = segment.getCurrentPosition().orElse(0);
                slowest = Math.min(slowest, position);
                // isReplaying() stays true at the head until a newer event arrives, so it cannot be the test here
                if (!segment.isCaughtUp() || position < head) {
                    atHead = false;
                }
            }
            progress.put(entry.getKey(), new Progress(slowest, atHead));
        }
        return progress;
    }

    /** How long from now until every streaming processor has reached {@code head}; empty after {@code timeout}. */
    public OptionalDouble secondsToHead(long head, Duration timeout) throws Exception {
        return Poll.seconds(timeout, Poll.TEN_MS, () -> progress(head).allAtHead());
    }

    /** Events in the store up to {@code head} that the slowest read model has not processed yet. */
    public long backlog(long head) {
        return Math.max(0, head - progress(head).slowestPosition());
    }

    /** Stops every streaming processor and resets its tokens (the projections' reset handlers clear the read models). */
    public void resetProcessors() {
        segmentCounts.clear();
        streamingProcessors().values().forEach(EventProcessor::shutDown);
        streamingProcessors().values().forEach(StreamingEventProcessor::resetTokens);
    }

    public void startProcessors() {
        segmentCounts.clear();
        streamingProcessors().values().forEach(EventProcessor::start);
    }

    @Override
    public void close() {
        context.close();
    }

    /** @param slowestPosition global index the slowest processor segment has processed */
    public record Progress(long slowestPosition, boolean allAtHead) {
    }
}
