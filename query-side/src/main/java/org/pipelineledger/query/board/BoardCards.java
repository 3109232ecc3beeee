package org.pipelineledger.query.board;

import static org.pipelineledger.query.support.JdbcValues.amount;
import static org.pipelineledger.query.support.JdbcValues.instant;
import static org.pipelineledger.query.support.JdbcValues.localDate;
import static org.pipelineledger.query.support.JdbcValues.timestamp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.pipelineledger.query.support.Days;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One page of a stage's cards, longest in the stage first, for a board too large to show every card at once.
 *
 * @param pipeline pipeline key
 * @param stage    stage key
 * @param asOf     the instant {@code daysInStage}, {@code stale} and {@code closeDateOverdue} were computed for
 * @param count    open deals in the stage, on every page
 * @param cards    this page's cards, in the board's order (time of entering the stage, then deal id)
 * @param next     cursor of the next page ({@code after}); absent on the last page
 */
public record BoardCards(String pipeline, String stage, Instant asOf, long count, List<Board.Card> cards,
                         String next) {

    /** A page of cards and the cursor after its last card ({@code null} when no card follows). */
    record Page(List<Board.Card> cards, String next) {
        static final Page EMPTY = new Page(List.of(), null);
    }

    /**
     * Reads up to {@code limit} (at least 1) cards of the stage after the cursor ({@code null}: from the first), one
     * more to know whether a next page exists. Served by the index on (pipeline, status, stage, stage_entered_at,
     * opportunity_id), or for one owner's cards by the one with the owner after the status: the ORDER BY names the
     * index's leading columns too, so no database sorts the stage.
     */
    static Page page(NamedParameterJdbcTemplate jdbc, String pipeline, String stage, String owner, String after,
                     int limit, Double averageStaySeconds, Instant now) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("pipeline", pipeline)
                .addValue("status", DealStatus.OPEN.name())
                .addValue("stage", stage)
                .addValue("limit", limit + 1);
        // one owner's cards come from the index that has the owner after the status, in the same order
        String ownerFilter = owner == null ? "" : " AND owner = :owner";
        String order = owner == null ? "pipeline, status, stage" : "pipeline, status, owner, stage";
        parameters.addValue("owner", owner);
        String keyset = "";
        if (after != null) {
            Cursor cursor = Cursor.decode(after);
            keyset = " AND (stage_entered_at > :afterAt OR (stage_entered_at = :afterAt AND opportunity_id > :afterId))";
            parameters.addValue("afterAt", timestamp(cursor.stageEnteredAt())).addValue("afterId", cursor.id());
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Board.Card> cards = new ArrayList<>(jdbc.query("""
                SELECT opportunity_id, name, account, owner, amount, currency, close_date, outlook, stage_entered_at
                FROM board_opportunity
                WHERE pipeline = :pipeline AND status = :status AND stage = :stage""" + ownerFilter + keyset
                + "\nORDER BY " + order + ", stage_entered_at, opportunity_id FETCH FIRST :limit ROWS ONLY",
                parameters,
                (rs, row) -> {
                    Instant enteredAt = instant(rs, "stage_entered_at");
                    LocalDate closeDate = localDate(rs, "close_date");
                    return new Board.Card(
                            rs.getString("opportunity_id"),
                            rs.getString("name"),
                            rs.getString("account"),
                            rs.getString("owner"),
                            amount(rs, "amount"),
                            rs.getString("currency"),
                            closeDate,
                            BoardDeal.outlook(rs.getString("outlook")),
                            enteredAt,
                            Days.wholeDaysBetween(enteredAt, now),
                            averageStaySeconds != null
                                    && Days.secondsBetween(enteredAt, now) > 2 * averageStaySeconds,
                            closeDate != null && closeDate.isBefore(today));
                }));
        if (cards.size() <= limit) {
            return new Page(List.copyOf(cards), null);
        }
        // limit is at least 1 here: a further card exists, so the page ends with a card to continue after
        List<Board.Card> shown = List.copyOf(cards.subList(0, limit));
        Board.Card last = shown.get(shown.size() - 1);
        return new Page(shown, new Cursor(last.stageEnteredAt(), last.id()).encode());
    }

    /** Where a page ended: the last card's stage entry and deal id, opaque to clients (URL-safe Base64). */
    record Cursor(Instant stageEnteredAt, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((stageEnteredAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int bar = decoded.indexOf('|');
                if (bar > 0 && bar < decoded.length() - 1) {
                    return new Cursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // refused below
            }
            throw new LedgerException(ProblemCode.INVALID_CURSOR,
                    "after must be the 'next' value of an earlier board page, was '" + text + "'");
        }
    }
}
