package org.pipelineledger.bench;

import java.util.Arrays;
import java.util.List;

/** What a run measures: the tuned ledger, Axon's quick-start wiring of the same domain, or the database alone. */
public enum Variant {
    /** Plain JDBC on the same database and schema: the physical limit. */
    RAW,
    /** The same domain wired the Axon quick-start way: tracking processors, batch size 1, default settings. */
    V0,
    /**
     * The tuned ledger with one or more tuning changes undone by the command-line properties given with
     * {@code --tb "--ledger.x=y ..."}: the "before" of a tuning step, measured in the same run as T (its "after").
     */
    TB,
    /** The tuned ledger: the application exactly as it ships. */
    T;

    /** A comma-separated list such as {@code RAW,V0,T}. */
    public static List<Variant> parse(String csv) {
        return Arrays.stream(csv.split(",")).map(v -> valueOf(v.trim())).toList();
    }
}
