package org.pipelineledger.bench.replay;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.BoardProbe;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.ledger.LedgerApp;
import org.pipelineledger.bench.ledger.TemplateDatabase;

/**
 * Replay (T or V0): reset every streaming processor and rebuild all projections from the events in the store.
 * Reports events/s until every processor has reached the head, and the time until the board answers in full
 * again (all open deals on it). V0 may be stopped at {@code --max-seconds}: its rate is then taken from the progress
 * of its slowest processor, and {@code reached_head} says so.
 */
public final class LedgerReplayBenchmark {

    private static final String BOARD_GROUP = "board";

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals", 10_000);
        boolean seed = LedgerApp.seedsItself(args);
        if (!seed) {
            result.info("template_tokens_dropped", TemplateDatabase.dropTokens());
        }
        try (LedgerApp app = LedgerApp.start(args)) {
            if (seed) {
                app.seed(args);
            }
            long head = app.headIndex();
            long events = app.eventCount();
            result.info("events", events);
            result.info("processors", app.describeProcessors());
            BoardProbe board = new BoardProbe(app.http());
            Duration limit = Duration.ofSeconds(args.longValue("max-seconds", 3_600));

            // T runs the board on the shared processor, V0 on its own: time whichever processor holds it
            String boardProcessor = app.bean(EventProcessingConfiguration.class)
                    .eventProcessorByProcessingGroup(BOARD_GROUP).map(EventProcessor::getName).orElseThrow();
            app.resetProcessors();
            long start = System.nanoTime();
            app.startProcessors();
            double boardSeconds = -1;
            double headSeconds = -1;
            // when each processor reached the head: which one bounds the replay
            Map<String, Double> headSecondsByProcessor = new TreeMap<>();
            while (System.nanoTime() - start < limit.toNanos()) {
                Map<String, LedgerApp.Progress> progress = app.progressByProcessor(head);
                double now = (System.nanoTime() - start) / 1e9;
                progress.forEach((name, p) -> {
                    if (p.allAtHead()) {
                        headSecondsByProcessor.putIfAbsent(name, now);
                    }
                });
                LedgerApp.Progress boardProgress = progress.get(boardProcessor);
                if (boardSeconds < 0 && (boardProgress == null || boardProgress.allAtHead())
                        && board.openDeals() == deals) {
                    boardSeconds = (System.nanoTime() - start) / 1e9;
                }
                if (progress.values().stream().allMatch(LedgerApp.Progress::allAtHead)) {
                    headSeconds = (System.nanoTime() - start) / 1e9;
                    break;
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            result.info("head_s_by_processor", headSecondsByProcessor);
            if (headSeconds > 0) {
                while (boardSeconds < 0 && System.nanoTime() - start < limit.toNanos()) {
                    if (board.openDeals() == deals) {
                        boardSeconds = (System.nanoTime() - start) / 1e9;
                    }
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
                }
                result.metric("events_per_s", events / headSeconds);
                result.metric("head_s", headSeconds);
                result.info("reached_head", true);
            } else {
                double elapsed = (System.nanoTime() - start) / 1e9;
                long processed = app.progress(head).slowestPosition();
                result.metric("events_per_s", processed / elapsed);
                result.info("reached_head", false);
                result.info("stopped_after_s", elapsed);
                result.info("slowest_position", processed);
            }
            if (boardSeconds > 0) {
                result.metric("board_s", boardSeconds);
            } else if (headSeconds > 0) {
                result.error("the board did not show all " + deals + " open deals after the replay");
            }
        }
    }
}
