package org.pipelineledger.query.board;

import java.math.BigDecimal;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.pipelineledger.query.support.Days;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The board's writes for one batch of events: the batch's deals are read in a few queries, changed in memory, and
 * written at commit with the stage totals that follow from them, one statement per changed row (ADR 0007). Same
 * idiom as the other read models (ADR 0004): a deal's row is inserted once, and an event changes it only if its
 * sequence number is above the row's {@code last_seq}.
 */
final class BoardBatch {

    private static final Logger log = LoggerFactory.getLogger(BoardBatch.class);

    /** Rows per {@code IN (...)} when the deals of a batch are read up front. */
    private static final int READ_CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    /** Every deal read or created in this batch; an empty value: no row for the deal. */
    private final Map<String, Optional<BoardDeal>> deals = new HashMap<>();
    private final Map<String, BoardDeal> created = new LinkedHashMap<>();
    /** The {@code last_seq} each changed deal had when it was read: its update expects the row still at it. */
    private final Map<String, Long> changed = new LinkedHashMap<>();
    /** Sorted, so that concurrent segments lock the total rows in one order and never deadlock. */
    private final Map<StageRow, StageDelta> totals = new TreeMap<>(
            Comparator.comparing(StageRow::pipeline).thenComparing(StageRow::stage));

    BoardBatch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The batch of this unit of work (the processor's batch, or a retried dead letter's own), kept under {@code key}:
     * it reads the rows of every deal the unit of work holds events of, and is written before the unit of work
     * commits, in its transaction, before the processor's token.
     */
    static BoardBatch of(UnitOfWork<?> unitOfWork, String key, NamedParameterJdbcTemplate jdbc) {
        return unitOfWork.getOrComputeResource(key, k -> {
            BoardBatch batch = new BoardBatch(jdbc);
            if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
                batch.read(batching.getMessages().stream()
                        .filter(DomainEventMessage.class::isInstance)
                        .map(message -> ((DomainEventMessage<?>) message).getAggregateIdentifier())
                        .distinct()
                        .toList());
            }
            unitOfWork.onPrepareCommit(u -> batch.flush());
            return batch;
        });
    }

    /** Adds a deal the board does not know yet; a deal it knows (a redelivered creation) stays as it is. */
    void create(BoardDeal deal) {
        if (deal(deal.id).isPresent()) {
            log.debug("board: deal {} already created", deal.id);
            return;
        }
        deals.put(deal.id, Optional.of(deal));
        created.put(deal.id, deal);
        count(deal, +1);
    }

    /**
     * Applies the event with this sequence number to the deal, unless it (or a later one) was applied already. The
     * stage totals follow: the deal counts in its stage before and after, and a stay it left completes.
     */
    void apply(String id, long sequence, String eventName, Consumer<BoardDeal> change) {
        BoardDeal deal = deal(id).orElse(null);
        if (deal == null) {
            // a deal's events arrive in order, after its creation: a missing row means the table was tampered with
            log.warn("board: {} #{} for unknown deal {} ignored", eventName, sequence, id);
            return;
        }
        if (deal.lastSeq >= sequence) {
            log.debug("board: {} #{} of deal {} already applied", eventName, sequence, id);
            return;
        }
        if (!created.containsKey(id)) {
            changed.putIfAbsent(id, deal.lastSeq);
        }
        BoardDeal.Stay stay = deal.stay();
        count(deal, -1);
        change.accept(deal);
        deal.lastSeq = sequence;
        count(deal, +1);
        if (stay != null && !stay.equals(deal.stay())) {
            StageDelta delta = delta(deal.pipeline, stay.stage().value());
            delta.stayCount++;
            delta.staySeconds += Days.secondsBetween(stay.enteredAt(), deal.leftStayAt());
        }
    }

    /** Writes everything this batch changed, and starts over empty. */
    void flush() {
        if (!created.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO board_opportunity (" + BoardDeal.COLUMNS + """
                    ) VALUES (:id, :pipeline, :stage, :status, :name, :account, :owner, :amount, :currency,
                        :closeDate, :outlook, :nextStep, :nextStepDue, :stageEnteredAt, :createdAt, :closedAt,
                        :lastSeq)""",
                    created.values().stream().map(BoardDeal::parameters).toArray(SqlParameterSource[]::new));
        }
        if (!changed.isEmpty()) {
            List<String> ids = List.copyOf(changed.keySet());
            int[] updated = jdbc.batchUpdate("""
                    UPDATE board_opportunity
                    SET stage = :stage, status = :status, owner = :owner, amount = :amount, currency = :currency,
                        close_date = :closeDate, outlook = :outlook, next_step = :nextStep,
                        next_step_due = :nextStepDue, stage_entered_at = :stageEnteredAt, closed_at = :closedAt,
                        last_seq = :lastSeq
                    WHERE opportunity_id = :id AND last_seq = :readSeq""",
                    ids.stream().map(id -> deals.get(id).orElseThrow().parameters().addValue("readSeq", changed.get(id)))
                            .toArray(SqlParameterSource[]::new));
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] != 1 && updated[i] != Statement.SUCCESS_NO_INFO) {
                    // someone else wrote the row since this batch read it: fail the batch, which is retried
                    throw new IllegalStateException("board row of deal " + ids.get(i)
                            + " changed while the batch applied its events; the batch is retried");
                }
            }
        }
        writeTotals();
        deals.clear();
        created.clear();
        changed.clear();
        totals.clear();
    }

    /** The deal as this batch has it so far, if it exists. */
    private Optional<BoardDeal> deal(String id) {
        return deals.computeIfAbsent(id, missing -> BoardDeal.find(jdbc, missing));
    }

    /** Reads the rows of these deals in a few queries, instead of one query per deal as its first event arrives. */
    private void read(List<String> ids) {
        for (int from = 0; from < ids.size(); from += READ_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + READ_CHUNK));
            chunk.forEach(id -> deals.put(id, Optional.empty()));
            jdbc.query("SELECT " + BoardDeal.COLUMNS + " FROM board_opportunity WHERE opportunity_id IN (:ids)",
                    new MapSqlParameterSource("ids", chunk),
                    (rs, row) -> deals.put(rs.getString("opportunity_id"), Optional.of(BoardDeal.read(rs))));
        }
    }

    /** An open deal counts in its stage's open deals and amount ({@code sign} +1), or no longer does (-1). */
    private void count(BoardDeal deal, int sign) {
        if (deal.isOpen()) {
            StageDelta delta = delta(deal.pipeline, deal.stage.value());
            delta.openCount += sign;
            if (deal.amount != null) {
                delta.openAmount = delta.openAmount.add(sign > 0 ? deal.amount : deal.amount.negate());
            }
        }
    }

    private StageDelta delta(String pipeline, String stage) {
        return totals.computeIfAbsent(new StageRow(pipeline, stage), row -> new StageDelta());
    }

    /** Adds the batch's increments to {@code board_stage_total}, inserting the rows of stages new to it. */
    private void writeTotals() {
        List<SqlParameterSource> increments = new ArrayList<>();
        totals.forEach((row, delta) -> {
            if (!delta.isZero()) {
                increments.add(new MapSqlParameterSource()
                        .addValue("pipeline", row.pipeline())
                        .addValue("stage", row.stage())
                        .addValue("openCount", delta.openCount)
                        .addValue("openAmount", delta.openAmount)
                        .addValue("stayCount", delta.stayCount)
                        .addValue("staySeconds", delta.staySeconds));
            }
        });
        if (increments.isEmpty()) {
            return;
        }
        int[] updated = jdbc.batchUpdate("""
                UPDATE board_stage_total
                SET open_count = open_count + :openCount, open_amount = open_amount + :openAmount,
                    stay_count = stay_count + :stayCount, stay_seconds = stay_seconds + :staySeconds
                WHERE pipeline = :pipeline AND stage = :stage""", increments.toArray(SqlParameterSource[]::new));
        List<SqlParameterSource> missing = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                missing.add(increments.get(i));
            }
        }
        if (!missing.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO board_stage_total (pipeline, stage, open_count, open_amount, stay_count, stay_seconds)
                    VALUES (:pipeline, :stage, :openCount, :openAmount, :stayCount, :staySeconds)""",
                    missing.toArray(SqlParameterSource[]::new));
        }
    }

    private record StageRow(String pipeline, String stage) {
    }

    private static final class StageDelta {
        private long openCount;
        private BigDecimal openAmount = BigDecimal.ZERO;
        private long stayCount;
        private long staySeconds;

        boolean isZero() {
            return openCount == 0 && openAmount.signum() == 0 && stayCount == 0 && staySeconds == 0;
        }
    }
}
