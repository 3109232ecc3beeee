package org.pipelineledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LedgerHttpTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void openDealsAreTheBoardsOpenCountNotTheCardsItShows() throws Exception {
        String board = """
                {"pipeline":"default","openCount":5,"stages":[
                  {"stage":"PROSPECTING","count":2,"totalAmount":10,"cards":[{"id":"a"}]},
                  {"stage":"QUALIFIED","count":3,"totalAmount":10,"cards":[]}]}""";
        assertThat(LedgerHttp.openDeals(json.readTree(board))).isEqualTo(5);
    }

    @Test
    void aBoardWithoutAnOpenCountIsReportedRatherThanCountedAsEmpty() {
        assertThatThrownBy(() -> LedgerHttp.openDeals(json.readTree("{\"stages\":[]}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no openCount");
    }
}
