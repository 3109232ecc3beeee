package org.pipelineledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** Asks the board (GET /api/board) how many open deals it shows, to know when a rebuilt board answers in full. */
public final class BoardProbe {

    public static final String BOARD_PATH = "/api/board?pipeline=default";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerHttp http;

    public BoardProbe(LedgerHttp http) {
        this.http = http;
    }

    /** Open deals on the board, or -1 when the board does not answer 200. */
    public long openDeals() throws IOException, InterruptedException {
        HttpResponse<String> response = http.get(BOARD_PATH);
        if (response.statusCode() != 200) {
            return -1;
        }
        return openDeals(JSON.readTree(response.body()));
    }

    /**
     * The board lists its stages, each with a count (issue 2: "count and total amount per stage") and its cards.
     * The board's {@code openCount} is the number of open deals; without it, the sum of the stage counts, and a stage
     * without a count is counted by its cards.
     */
    static long openDeals(JsonNode board) {
        if (board.path("openCount").canConvertToLong()) {
            return board.get("openCount").asLong();
        }
        JsonNode stages = board.isArray() ? board : board.findValue("stages");
        if (stages == null || !stages.isArray()) {
            throw new IllegalStateException("board response has no stages: " + abbreviate(board.toString()));
        }
        long total = 0;
        for (JsonNode stage : stages) {
            JsonNode count = stage.has("count") ? stage.get("count") : stage.get("dealCount");
            if (count != null && count.canConvertToLong()) {
                total += count.asLong();
            } else if (stage.get("cards") != null && stage.get("cards").isArray()) {
                total += stage.get("cards").size();
            } else {
                throw new IllegalStateException("board stage has neither count nor cards: " + abbreviate(stage.toString()));
            }
        }
        return total;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
