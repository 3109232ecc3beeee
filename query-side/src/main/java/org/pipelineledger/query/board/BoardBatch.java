package org.pipelineledger.query.board;

import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.pipelineledger.query.support.Days;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The board's changes for one batch of events, applied to its deals in memory and written at the end with JDBC
 * batching: a few reads for all the deals of the batch, one write per changed deal and one per changed stage total,
 * however many events the batch holds (ADR 0007).
 */
final class BoardBatch {

    /** Rows per {@code IN (...)} when the deals of a batch are read up front. */
    private static final int READ_CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    /** Every deal read or created in this batch; an empty value: no row for the deal. */
    private final Map<String, Optional<BoardDeal>> deals = new HashMap<>();
    /** The {@code last_seq} each changed deal had when it was read: its update expects the row still at it. */
    private final Map<String, Long> changed = new LinkedHashMap<>();
    private final Map<String, BoardDeal> created = new LinkedHashMap<>();
    private final StageTotals.Deltas totals = new StageTotals.Deltas();

    BoardBatch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The batch of this unit of work (the processor's batch, or a retried dead letter's own), stored under
     * {@code key}: on first use it reads the rows of every deal the unit of work holds events of, and it is written
     * when the unit of work commits, in its transaction, before the processor's token.
     */
    static BoardBatch of(UnitOfWork<?> unitOfWork, String key, NamedParameterJdbcTemplate jdbc) {
        return unitOfWork.getOrComputeResource(key, k -> {
            BoardBatch batch = new BoardBatch(jdbc);
            if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
                batch.preload(batching.getMessages().stream()
                        .filter(DomainEventMessage.class::isInstance)
                        .map(message -> ((DomainEventMessage<?>) message).getAggregateIdentifier())
                        .distinct()
                        .toList());
            }
            unitOfWork.onPrepareCommit(u -> batch.flush());
            return batch;
        });
    }

    /** Reads the rows of these deals in a few queries, instead of one query per deal as its first event arrives. */
    private void preload(List<String> opportunityIds) {
        for (int from = 0; from < opportunityIds.size(); from += READ_CHUNK) {
            List<String> chunk = opportunityIds.subList(from, Math.min(opportunityIds.size(), from + READ_CHUNK));
            chunk.forEach(id -> deals.put(id, Optional.empty()));
            jdbc.query("SELECT " + BoardDeal.COLUMNS + " FROM board_opportunity WHERE opportunity_id IN (:ids)",
                    new MapSqlParameterSource("ids", chunk),
                    (rs, row) -> deals.put(rs.getString("opportunity_id"), Optional.of(BoardDeal.read(rs))));
        }
    }

    /** The deal as this batch has it so far, if it exists. */
    Optional<BoardDeal> deal(String opportunityId) {
        return deals.computeIfAbsent(opportunityId, id -> BoardDeal.find(jdbc, id));
    }

    /** Adds a deal the board did not know. */
    void create(BoardDeal deal) {
        deals.put(deal.id, Optional.of(deal));
        created.put(deal.id, deal);
        count(deal, +1);
    }

    /** Applies the event with this sequence number to the deal, keeping the stage totals in step with it. */
    void change(BoardDeal deal, long sequence, Consumer<BoardDeal> change) {
        if (!created.containsKey(deal.id)) {
            changed.putIfAbsent(deal.id, deal.lastSeq);
        }
        count(deal, -1);
        change.accept(deal);
        deal.lastSeq = sequence;
        count(deal, +1);
    }

    /** The deal's stay in its current stage ended at {@code at}: it counts in the stage's average. */
    void endStay(BoardDeal deal, Instant at) {
        totals.completedStay(deal.pipeline, deal.stage, Days.secondsBetween(deal.stageEnteredAt, at));
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
            SqlParameterSource[] updates = ids.stream()
                    .map(id -> deals.get(id).orElseThrow().parameters().addValue("readSeq", changed.get(id)))
                    .toArray(SqlParameterSource[]::new);
            int[] updated = jdbc.batchUpdate("""
                    UPDATE board_opportunity
                    SET stage = :stage, status = :status, owner = :owner, amount = :amount, currency = :currency,
                        close_date = :closeDate, outlook = :outlook, next_step = :nextStep,
                        next_step_due = :nextStepDue, stage_entered_at = :stageEnteredAt, closed_at = :closedAt,
                        last_seq = :lastSeq
                    WHERE opportunity_id = :id AND last_seq = :readSeq""", updates);
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] != 1 && updated[i] != Statement.SUCCESS_NO_INFO) {
                    // someone else wrote the row since this batch read it: fail the batch, which is retried
                    throw new IllegalStateException("board row of deal " + ids.get(i)
                            + " changed while the batch applied its events; the batch is retried");
                }
            }
        }
        totals.writeTo(jdbc);
        deals.clear();
        changed.clear();
        created.clear();
    }

    private void count(BoardDeal deal, int sign) {
        if (deal.isOpen()) {
            totals.openDeal(deal.pipeline, deal.stage, deal.amount, sign);
        }
    }
}
