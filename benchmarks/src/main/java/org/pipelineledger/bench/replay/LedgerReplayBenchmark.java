package org.pipelineledger.bench.replay;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.pipelineledger.bench.BenchArgs;
import org.pipelineledger.bench.ChildResult;
import org.pipelineledger.bench.Database;
import org.pipelineledger.bench.LedgerHttp;
import org.pipelineledger.bench.Poll;
import org.pipelineledger.bench.ledger.LedgerApp;

/**
 * Replay (T or V0): reset every streaming processor and rebuild all projections from the events in the store.
 * Reports events/s until every processor has reached the head, and the time until the board answers in full
 * again (all open deals on it). V0 may be stopped at {@code --max-seconds}: its rate is then taken from the progress
 * of its slowest processor, and {@code reached_head} says so.
 */
public final class LedgerReplayBenchmark {

    private static final String BOARD_GROUP = "board";

    public static void run(BenchArgs args, ChildResult result) throws Exception {
        int deals = args.integer("deals");
        if (!args.seedsItself()) {
            result.info("template_tokens_dropped", Database.dropTokens());
        }
        try (LedgerApp app = LedgerApp.start(args)) {
            if (args.seedsItself()) {
                app.seed(args);
            }
            long head = app.headIndex();
            long events = app.eventCount();
            result.info("events", events);
            result.info("processors", app.describeProcessors());
            LedgerHttp http = app.http();
            Duration limit = Duration.ofSeconds(args.longValue("max-seconds"));
            // T runs the board on the shared processor, V0 on its own: time whichever processor holds it
            String boardProcessor = app.bean(EventProcessingConfiguration.class)
                    .eventProcessorByProcessingGroup(BOARD_GROUP).map(EventProcessor::getName).orElseThrow();

            app.resetProcessors();
            Rebuild rebuild = new Rebuild();
            app.startProcessors();
            boolean reachedHead = Poll.until(limit, Poll.TEN_MS, () -> {
                Map<String, LedgerApp.Progress> progress = app.progressByProcessor(head);
                double now = rebuild.seconds();
                progress.forEach((name, p) -> {
                    if (p.allAtHead()) {
                        rebuild.headByProcessor.putIfAbsent(name, now);
                    }
                });
                LedgerApp.Progress board = progress.get(boardProcessor);
                if (board == null || board.allAtHead()) {
                    rebuild.checkBoard(http, deals);
                }
                return progress.values().stream().allMatch(LedgerApp.Progress::allAtHead);
            });
            double headSeconds = rebuild.seconds();
            result.info("head_s_by_processor", rebuild.headByProcessor);
            if (reachedHead) {
                Poll.until(limit.minusNanos(System.nanoTime() - rebuild.start), Poll.TEN_MS,
                        () -> rebuild.checkBoard(http, deals));
                result.metric("events_per_s", events / headSeconds);
                result.metric("head_s", headSeconds);
                result.info("reached_head", true);
            } else {
                long processed = app.progress(head).slowestPosition();
                result.metric("events_per_s", processed / headSeconds);
                result.info("reached_head", false);
                result.info("stopped_after_s", headSeconds);
                result.info("slowest_position", processed);
            }
            if (rebuild.boardSeconds > 0) {
                result.metric("board_s", rebuild.boardSeconds);
            } else if (reachedHead) {
                result.error("the board did not show all " + deals + " open deals after the replay");
            }
        }
    }

    /** The clock of one rebuild: when each processor reached the head, and when the board showed every deal. */
    private static final class Rebuild {
        final long start = System.nanoTime();
        final Map<String, Double> headByProcessor = new TreeMap<>();
        double boardSeconds = -1;

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        /** Whether the board shows every deal, asked only until it first has. */
        boolean checkBoard(LedgerHttp http, int deals) throws Exception {
            if (boardSeconds < 0 && http.openDealsOnBoard() == deals) {
                boardSeconds = seconds();
            }
            return boardSeconds > 0;
        }
    }
}
