package org.pipelineledger.command.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/** The checkpoint tables ({@code V21}) and what a checkpoint reads from the chain's. */
final class CheckpointStore {

    private static final String COLUMNS = "number, position, written_at, events, deals, root, previous, hash, settled";

    private final JdbcTemplate jdbc;

    CheckpointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Checkpoint> latest() {
        return latest(1).stream().findFirst();
    }

    /** The latest {@code limit} checkpoints, newest first. */
    List<Checkpoint> latest(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_checkpoint ORDER BY number DESC FETCH FIRST ? ROWS ONLY",
                (row, n) -> read(row), limit);
    }

    Optional<Checkpoint> find(long number) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_checkpoint WHERE number = ?", (row, n) -> read(row), number)
                .stream().findFirst();
    }

    /** Checkpoints after {@code number}, oldest first, at most {@code limit}: a long chain is read a page at a time. */
    List<Checkpoint> after(long number, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_checkpoint WHERE number > ? ORDER BY number"
                + " FETCH FIRST ? ROWS ONLY", (row, n) -> read(row), number, limit);
    }

    /** The position of the latest checkpoint the scheduled job wrote at a settled position; -1 if none. */
    long latestSettledPosition() {
        Long position = jdbc.queryForObject("SELECT MAX(position) FROM audit_checkpoint WHERE settled = TRUE",
                Long.class);
        return position == null ? -1 : position;
    }

    /** The leaves of checkpoints {@code from} (exclusive) to {@code to} (inclusive), in checkpoint order. */
    void leaves(long from, long to, Consumer<CheckpointLeafOf> each) {
        jdbc.query("SELECT checkpoint, aggregateidentifier, sequencenumber, hash, globalindex FROM audit_checkpoint_leaf"
                + " WHERE checkpoint > ? AND checkpoint <= ? ORDER BY checkpoint", row -> {
                    each.accept(new CheckpointLeafOf(row.getLong(1),
                            new CheckpointLeaf(row.getString(2), row.getLong(3), row.getBytes(4), row.getLong(5))));
                }, from, to);
    }

    /** The highest checkpoint number any leaf names; 0 for none. */
    long latestLeafCheckpoint() {
        Long number = jdbc.queryForObject("SELECT MAX(checkpoint) FROM audit_checkpoint_leaf", Long.class);
        return number == null ? 0 : number;
    }

    /** A leaf and the checkpoint it belongs to. */
    record CheckpointLeafOf(long checkpoint, CheckpointLeaf leaf) {
    }

    /** The highest global index chained so far; -1 for none. */
    long maxGlobalIndex() {
        Long max = jdbc.queryForObject("SELECT MAX(globalindex) FROM audit_event_hash", Long.class);
        return max == null ? -1 : max;
    }

    /** Every hash row with a global index in ({@code from}, {@code to}]. */
    void chained(long from, long to, Consumer<CheckpointLeaf> each) {
        jdbc.query("SELECT aggregateidentifier, sequencenumber, hash, globalindex FROM audit_event_hash"
                        + " WHERE globalindex > ? AND globalindex <= ?",
                row -> {
                    each.accept(new CheckpointLeaf(row.getString(1), row.getLong(2), row.getBytes(3), row.getLong(4)));
                }, from, to);
    }

    /** Fails with a duplicate key when another writer took the number first. */
    void insert(Checkpoint checkpoint, List<CheckpointLeaf> leaves) {
        jdbc.update("INSERT INTO audit_checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                checkpoint.number(), checkpoint.position(), OffsetDateTime.ofInstant(checkpoint.time(), ZoneOffset.UTC),
                checkpoint.events(), checkpoint.deals(), checkpoint.root(), checkpoint.previous(), checkpoint.hash(),
                checkpoint.settled());
        jdbc.batchUpdate("INSERT INTO audit_checkpoint_leaf"
                        + " (checkpoint, aggregateidentifier, sequencenumber, globalindex, hash) VALUES (?, ?, ?, ?, ?)",
                leaves.stream().map(leaf -> new Object[] {checkpoint.number(), leaf.deal(), leaf.sequence(),
                        leaf.globalIndex(), leaf.hash()}).toList());
    }

    private static Checkpoint read(ResultSet row) throws SQLException {
        return new Checkpoint(row.getLong(1), row.getLong(2), row.getObject(3, OffsetDateTime.class).toInstant(),
                row.getLong(4), row.getLong(5), row.getBytes(6), row.getBytes(7), row.getBytes(8), row.getBoolean(9));
    }
}
