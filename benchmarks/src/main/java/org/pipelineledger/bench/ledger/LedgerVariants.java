package org.pipelineledger.bench.ledger;

import java.util.ArrayList;
import java.util.List;
import org.pipelineledger.bench.Database;
import org.pipelineledger.bench.H2Mode;
import org.pipelineledger.bench.Variant;

/**
 * The command-line properties that turn the real application into one variant or the other. T is the application
 * exactly as it ships (only the database location and log noise change); V0 overrides what Axon's quick start
 * would have left at its defaults. These are command-line arguments on purpose: they outrank application.yml.
 */
public final class LedgerVariants {

    /** The query side's processing groups: the same list as the query side's ProcessingConfiguration. */
    public static final List<String> PROCESSING_GROUPS = List.of("board", "days-in-stage", "slippage", "reversions",
            "metrics", "flow", "as-of");

    /** The processor T runs all processing groups on (the query side's ProcessingConfiguration.SHARED_PROCESSOR). */
    public static final String SHARED_PROCESSOR = "projections";

    private LedgerVariants() {
    }

    public static List<String> arguments(Variant variant, H2Mode h2) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--ledger.demo=false"));
        if (h2 == H2Mode.MEM) {
            // DB_CLOSE_DELAY keeps the in-memory database alive between pooled connections
            args.add("--spring.datasource.url=" + Database.url(h2));
        }
        if (variant == Variant.V0) {
            args.addAll(quickStart());
        } else if (variant == Variant.TB) {
            args.addAll(beforeTuning());
        } else if (variant != Variant.T) {
            throw new IllegalArgumentException(variant + " is not a ledger variant");
        }
        return args;
    }

    /** System property carrying TB's overrides from the runner's {@code --tb} to every forked JVM. */
    public static final String TB_PROPERTY = "bench.tb";

    /** TB's overrides: command-line properties (separated by spaces) that undo the tuning step under test. */
    static List<String> beforeTuning() {
        return List.of(System.getProperty(TB_PROPERTY, "").trim().split("\\s+"));
    }

    /**
     * Axon's defaults for a processor without configuration (EventProcessorProperties.ProcessorSettings): a
     * TrackingEventProcessor, batch size 1, one thread, one segment, tokens claimed every 5 s; a processor per
     * processing group; no aggregate cache; Axon's message timeouts on; and, wired by {@link QuickStart}, Axon's event
     * store woken by every commit, random event ids and the annotation target resolver. A processor named in these
     * properties wins over the query side's pooled default.
     */
    static List<String> quickStart() {
        List<String> args = new ArrayList<>();
        args.add("--" + QuickStart.PROPERTY + "=true");
        // Axon's Spring support gives an aggregate no cache unless one is named: every command reloads its deal
        args.add("--ledger.commands.aggregate-cache-size=0");
        // Axon gives every processing group its own processor unless the groups are assigned to one
        args.add("--ledger.processing.shared-processor=false");
        // Axon's Spring Boot support times every command, unit of work and handler call unless told not to
        args.add("--axon.timeout.enabled=true");
        for (String group : PROCESSING_GROUPS) {
            String prefix = "--axon.eventhandling.processors." + group + ".";
            args.add(prefix + "mode=tracking");
            args.add(prefix + "batch-size=1");
            args.add(prefix + "thread-count=1");
            args.add(prefix + "initial-segment-count=1");
            args.add(prefix + "token-claim-interval=5000");
        }
        return args;
    }
}
