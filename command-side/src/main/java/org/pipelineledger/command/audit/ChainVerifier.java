package org.pipelineledger.command.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.pipelineledger.command.audit.AuditProblem.Kind;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the hash chain (docs/audit.md, docs/adr/0016-tamper-evident-ledger.md): walks {@code domainevententry}
 * with its {@code audit_event_hash} rows deal by deal in sequence order, recomputes each deal's chain from
 * {@link EventChain#GENESIS} over the <em>computed</em> hashes (so a stored hash rewritten to match an edit does not
 * hide it), and reports the first break of each deal, located exactly:
 * <ul>
 *     <li>an event with no hash row at its (deal, sequence): {@code INSERTED};</li>
 *     <li>a hash row with no event, found by an anti-join (a join from the events cannot see it), or a gap in the
 *     deal's sequence numbers: {@code DELETED} at the first missing sequence;</li>
 *     <li>the same event id with another hash: {@code EDITED};</li>
 *     <li>another event id: {@code REORDERED} when that event is chained at another sequence of the deal, else
 *     {@code INSERTED}.</li>
 * </ul>
 * Every {@link ChainWalkListener} bean is told the scope, each deal walked and the end, and its problems are merged
 * in, one per deal (the lowest sequence; the walk's on a tie). Memory: one deal, plus one entry per deal that has a
 * break or a hash row without its event; never the store.
 * <p>
 * One verification at a time, whoever asks (the API, a job, the command line): a listener holds one verification's
 * state, and each verification reads the whole store.
 */
@Component
public class ChainVerifier {

    /** Rows fetched at a time where the database streams (PostgreSQL in a transaction; H2 spills large results). */
    private static final int FETCH = 500;

    private static final String EVENT_COLUMNS = Arrays.stream(StoredEvent.COLUMNS.split(","))
            .map(column -> "e." + column.trim()).collect(Collectors.joining(", "));

    private final JdbcTemplate jdbc;
    private final List<ChainWalkListener> listeners;
    private final Clock clock;
    private final TransactionTemplate readOnly;
    private final Semaphore oneAtATime = new Semaphore(1);

    @Autowired
    ChainVerifier(JdbcTemplate jdbc, ObjectProvider<ChainWalkListener> listeners, Clock clock,
                  ObjectProvider<PlatformTransactionManager> transactions) {
        this(jdbc, listeners.orderedStream().toList(), clock, transactions.getIfUnique());
    }

    /** For tests: the given listeners, and no transaction around the walk when {@code transactions} is null. */
    public ChainVerifier(JdbcTemplate jdbc, List<ChainWalkListener> listeners, Clock clock,
                         PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH);
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        if (transactions == null) {
            this.readOnly = null;
        } else {
            this.readOnly = new TransactionTemplate(transactions);
            this.readOnly.setReadOnly(true);
        }
    }

    /** Runs one verification on the calling thread and answers when it is done. */
    public VerificationResult verify(VerificationScope scope) {
        return start(scope).walk(checked -> {
        });
    }

    /**
     * Starts a verification: the listeners are told the scope first, so that one that refuses it (an anchor that is
     * not one) does so before anything is walked. {@link Run#walk} then walks, once, or {@link Run#abandon} lets the
     * next verification start.
     *
     * @throws LedgerException {@code VERIFICATIONS_RUNNING} while another verification runs; whatever a listener
     *                         refuses the scope with
     */
    public Run start(VerificationScope scope) {
        if (!oneAtATime.tryAcquire()) {
            throw new LedgerException(ProblemCode.VERIFICATIONS_RUNNING, "a verification is running; one runs at a"
                    + " time, since each reads the whole store: ask again when it is done");
        }
        try {
            Instant startedAt = clock.instant();
            for (ChainWalkListener listener : listeners) {
                listener.start(scope);
            }
            return new Run(scope, startedAt);
        } catch (RuntimeException e) {
            oneAtATime.release();
            throw e;
        }
    }

    /** The events the scope covers now: the total a job's progress is measured against. */
    public long count(VerificationScope scope) {
        Where where = Where.of(scope, "e");
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry e" + where.sql(), Long.class,
                where.args());
        return count == null ? 0 : count;
    }

    /** One verification, started and not yet walked. */
    public final class Run {

        private final VerificationScope scope;
        private final Instant startedAt;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Run(VerificationScope scope, Instant startedAt) {
            this.scope = scope;
            this.startedAt = startedAt;
        }

        /**
         * Walks the scope and answers the result.
         *
         * @param progress told the number of events checked so far after each deal
         */
        public VerificationResult walk(LongConsumer progress) {
            if (!ended.compareAndSet(false, true)) {
                throw new IllegalStateException("a verification walks once");
            }
            try {
                return walkOnce(progress);
            } finally {
                oneAtATime.release();
            }
        }

        /** The walk will not happen (the job could not be started): the next verification may start. */
        public void abandon() {
            if (ended.compareAndSet(false, true)) {
                oneAtATime.release();
            }
        }

        private VerificationResult walkOnce(LongConsumer progress) {
            long started = System.nanoTime();
            Walk walk = new Walk(scope, progress);
            if (readOnly == null) {
                walk.run();
            } else {
                readOnly.executeWithoutResult(status -> walk.run());
            }
            List<AuditProblem> storeWide = new ArrayList<>();
            Map<String, AuditProblem> byDeal = walk.problems;
            for (ChainWalkListener listener : listeners) {
                for (AuditProblem problem : listener.finish()) {
                    if (problem.deal() == null) {
                        storeWide.add(problem);
                    } else {
                        byDeal.merge(problem.deal(), problem, ChainVerifier::firstOf);
                    }
                }
            }
            List<AuditProblem> problems = new ArrayList<>(storeWide);
            problems.addAll(byDeal.values());
            double seconds = (System.nanoTime() - started) / 1e9;
            return new VerificationResult(problems.isEmpty(), walk.eventsChecked, walk.deals, problems, scope,
                    covers(scope), startedAt, clock.instant(),
                    seconds <= 0 ? 0 : Math.round(walk.eventsChecked / seconds * 10) / 10.0);
        }
    }

    /**
     * One problem per deal: the one at the lower sequence, {@code earlier} (the walk's, or the first listener's) on
     * a tie; a problem without a sequence comes after every located one.
     */
    static AuditProblem firstOf(AuditProblem earlier, AuditProblem later) {
        long a = earlier.sequence() == null ? Long.MAX_VALUE : earlier.sequence();
        long b = later.sequence() == null ? Long.MAX_VALUE : later.sequence();
        return b < a ? later : earlier;
    }

    /** What a verification of this scope can and cannot find, in a sentence for the answer. */
    static String covers(VerificationScope scope) {
        if (scope.complete()) {
            return "the whole store: every deal's chain from its first event";
        }
        String what = scope.deal() == null ? "every deal" : "deal " + scope.deal();
        if (scope.fromGlobalIndex() == null && scope.toGlobalIndex() == null) {
            return what + ", its whole chain from its first event; other deals are not looked at";
        }
        return what + ", the events whose global index is in [" + (scope.fromGlobalIndex() == null ? "first"
                : scope.fromGlobalIndex()) + ", " + (scope.toGlobalIndex() == null ? "last" : scope.toGlobalIndex())
                + "]: each deal's chain starts from the stored hash just before the range, which is trusted; a change"
                + " before the range, and events moved or deleted across its edges, are not seen as such";
    }

    /** The scope as a WHERE clause over a table with the deal, sequence and global index columns. */
    private record Where(String sql, Object[] args) {

        static Where of(VerificationScope scope, String alias) {
            List<String> conditions = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            if (scope.deal() != null) {
                conditions.add(alias + ".aggregateidentifier = ?");
                args.add(scope.deal());
            }
            if (scope.fromGlobalIndex() != null) {
                conditions.add(alias + ".globalindex >= ?");
                args.add(scope.fromGlobalIndex());
            }
            if (scope.toGlobalIndex() != null) {
                conditions.add(alias + ".globalindex <= ?");
                args.add(scope.toGlobalIndex());
            }
            return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions),
                    args.toArray());
        }

        String and() {
            return sql.isEmpty() ? " WHERE " : sql + " AND ";
        }
    }

    /** The lowest sequence of a deal's hash rows that have no event, and how many there are. */
    private record Unstored(long first, long count) {
    }

    /** One walk over the scope; its state is one deal's. */
    private final class Walk {

        private final VerificationScope scope;
        private final LongConsumer progress;
        private final boolean fromStoredHash;
        /** Deals with hash rows whose event is not stored, from the anti-join; each removed as its deal is walked. */
        private Map<String, Unstored> unstored;
        private final Map<String, AuditProblem> problems = new LinkedHashMap<>();
        private long eventsChecked;
        private long deals;

        private DealState deal;

        Walk(VerificationScope scope, LongConsumer progress) {
            this.scope = scope;
            this.progress = progress;
            this.fromStoredHash = scope.fromGlobalIndex() != null;
        }

        void run() {
            unstored = unstoredHashes();
            Where where = Where.of(scope, "e");
            String sql = "SELECT " + EVENT_COLUMNS + ", h.eventidentifier, h.hash"
                    + (fromStoredHash ? ", p.hash" : "")
                    + " FROM domainevententry e LEFT JOIN audit_event_hash h"
                    + " ON h.aggregateidentifier = e.aggregateidentifier AND h.sequencenumber = e.sequencenumber"
                    + (fromStoredHash ? " LEFT JOIN audit_event_hash p ON p.aggregateidentifier = e.aggregateidentifier"
                    + " AND p.sequencenumber = e.sequencenumber - 1" : "")
                    + where.sql() + " ORDER BY e.aggregateidentifier, e.sequencenumber";
            jdbc.query(sql, row -> {
                StoredEvent event = StoredEvent.read(row);
                String chainedId = row.getString(11);
                byte[] chainedHash = row.getBytes(12);
                if (deal == null || !deal.id.equals(event.aggregateIdentifier())) {
                    finishDeal();
                    deal = new DealState(event.aggregateIdentifier(), fromStoredHash);
                    deal.begin(event, fromStoredHash ? row.getBytes(13) : null);
                }
                deal.event(event, chainedId, chainedHash);
                eventsChecked++;
            }, where.args());
            finishDeal();
            // deals none of whose events is stored any more, while their hash rows are
            unstored.forEach((id, rows) -> problems.put(id, new AuditProblem(id, rows.first(), Kind.DELETED,
                    "the chain has " + rows.count() + " event(s) of this deal from sequence " + rows.first()
                            + " on, and none of them is stored")));
        }

        private Map<String, Unstored> unstoredHashes() {
            Where where = Where.of(scope, "h");
            Map<String, Unstored> found = new HashMap<>();
            jdbc.query("SELECT h.aggregateidentifier, MIN(h.sequencenumber), COUNT(*) FROM audit_event_hash h"
                    + where.and() + "NOT EXISTS (SELECT 1 FROM domainevententry e"
                    + " WHERE e.aggregateidentifier = h.aggregateidentifier AND e.sequencenumber = h.sequencenumber)"
                    + " GROUP BY h.aggregateidentifier", row -> {
                        found.put(row.getString(1), new Unstored(row.getLong(2), row.getLong(3)));
                    }, where.args());
            return found;
        }

        private void finishDeal() {
            if (deal == null) {
                return;
            }
            Unstored missing = unstored.remove(deal.id);
            if (missing != null && (missing.first() >= deal.expected
                    || fromStoredHash && missing.first() < deal.firstSequence)) {
                // a chained event after the last stored one, or before a range's first (a gap has been found)
                deal.brokenAt(missing.first(), Kind.DELETED, "the event chained at sequence " + missing.first()
                        + " is not stored");
            }
            AuditProblem problem = deal.problem();
            if (problem != null) {
                problems.put(deal.id, problem);
            }
            for (ChainWalkListener listener : listeners) {
                listener.deal(deal.id, Arrays.copyOf(deal.sequences, deal.size),
                        Arrays.copyOf(deal.computed, deal.size));
            }
            deals++;
            progress.accept(eventsChecked);
            deal = null;
        }
    }

    /** One deal's walk: the chain recomputed so far, the first break and how many places broke. */
    private final class DealState {

        private final String id;
        private final boolean fromStoredHash;
        private long firstSequence;
        /** The sequence the next stored event should have. */
        private long expected;
        /** The computed hash of the last event walked: what the next one is chained over. */
        private byte[] previous;
        /** The stored hash of the last event walked, for counting later breaks one by one; null if none. */
        private byte[] storedPrevious;
        private long[] sequences = new long[16];
        private byte[][] computed = new byte[16][];
        private int size;

        private Long breakSequence;
        private Kind breakKind;
        private String breakDetail;
        private long breaks;

        DealState(String id, boolean fromStoredHash) {
            this.id = id;
            this.fromStoredHash = fromStoredHash;
        }

        /** The deal's first event in the scope; a range starts from the stored hash before it. */
        void begin(StoredEvent first, byte[] storedBefore) {
            firstSequence = first.sequenceNumber();
            if (storedBefore == null && fromStoredHash && first.sequenceNumber() > 0) {
                brokenAt(first.sequenceNumber() - 1, Kind.DELETED, "the range's first event of this deal, at sequence "
                        + first.sequenceNumber() + ", has no chained event before it to start from");
            }
            boolean fromStart = !fromStoredHash || first.sequenceNumber() == 0 || storedBefore == null;
            previous = fromStart ? EventChain.GENESIS : storedBefore;
            storedPrevious = previous;
            expected = fromStoredHash ? first.sequenceNumber() : 0;
        }

        void event(StoredEvent event, String chainedId, byte[] chainedHash) {
            long sequence = event.sequenceNumber();
            if (sequence > expected) {
                brokenAt(expected, Kind.DELETED, sequence - expected == 1
                        ? "no event is stored at sequence " + expected
                        : "no event is stored at sequences " + expected + " to " + (sequence - 1));
                // what this event is chained over is gone: it cannot be checked on its own
                storedPrevious = null;
            }
            // until the first break the computed chain equals the stored one, so comparing the two checks this one
            // event; after it, the event is checked against the stored hash before it, to count later breaks
            boolean intact = breakSequence == null;
            byte[] hash = EventChain.hash(previous, event);
            if (chainedHash == null) {
                brokenAt(sequence, Kind.INSERTED, "event " + event.eventIdentifier() + " (" + simple(event)
                        + ") is stored at sequence " + sequence + ", where the chain has no event");
            } else if (!chainedId.equals(event.eventIdentifier())) {
                Long chainedAt = chainedAt(event.eventIdentifier());
                if (chainedAt != null) {
                    brokenAt(sequence, Kind.REORDERED, "event " + event.eventIdentifier() + " (" + simple(event)
                            + ") is stored at sequence " + sequence + " but was chained at sequence " + chainedAt
                            + "; the chain has event " + chainedId + " here");
                } else {
                    brokenAt(sequence, Kind.INSERTED, "event " + event.eventIdentifier() + " (" + simple(event)
                            + ") is stored at sequence " + sequence + ", where the chain has event " + chainedId
                            + ", and the chain never saw it");
                }
            } else if (intact ? !Arrays.equals(hash, chainedHash)
                    : storedPrevious != null && !Arrays.equals(EventChain.hash(storedPrevious, event), chainedHash)) {
                brokenAt(sequence, Kind.EDITED, "event " + event.eventIdentifier() + " (" + simple(event)
                        + ") at sequence " + sequence + " is not the event chained there: its payload, metadata, time"
                        + " or type was changed (hash " + EventChain.hex(hash) + ", chained "
                        + EventChain.hex(chainedHash) + ")");
            }
            previous = hash;
            storedPrevious = chainedHash;
            expected = sequence + 1;
            if (size == sequences.length) {
                sequences = Arrays.copyOf(sequences, size * 2);
                computed = Arrays.copyOf(computed, size * 2);
            }
            sequences[size] = sequence;
            computed[size] = hash;
            size++;
        }

        /** Another place of the deal that broke; the lowest one is the deal's problem. */
        void brokenAt(long sequence, Kind kind, String detail) {
            breaks++;
            if (breakSequence == null || sequence < breakSequence) {
                breakSequence = sequence;
                breakKind = kind;
                breakDetail = detail;
            }
        }

        AuditProblem problem() {
            if (breakSequence == null) {
                return null;
            }
            return new AuditProblem(id, breakSequence, breakKind, breaks == 1 ? breakDetail
                    : breakDetail + "; " + (breaks - 1) + " more break(s) later in this deal");
        }

        /** Where the deal's chain has this event, if anywhere (asked only at a break, so not for every event). */
        private Long chainedAt(String eventId) {
            List<Long> found = jdbc.queryForList("SELECT sequencenumber FROM audit_event_hash"
                    + " WHERE aggregateidentifier = ? AND eventidentifier = ?", Long.class, id, eventId);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    private static String simple(StoredEvent event) {
        String type = event.payloadType();
        return type == null ? "?" : type.substring(type.lastIndexOf('.') + 1);
    }
}
