package org.pipelineledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BoardProbeTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void openDealsAreTheSumOfTheStageCounts() throws Exception {
        String board = """
                {"pipeline":"default","stages":[
                  {"stage":"PROSPECTING","count":2,"totalAmount":10,"cards":[{"id":"a"},{"id":"b"}]},
                  {"stage":"QUALIFIED","count":3,"totalAmount":10,"cards":[]}]}""";
        assertThat(BoardProbe.openDeals(json.readTree(board))).isEqualTo(5);
    }

    @Test
    void aStageWithoutACountIsCountedByItsCards() throws Exception {
        String board = """
                [{"stage":"PROSPECTING","cards":[{"id":"a"},{"id":"b"}]}]""";
        assertThat(BoardProbe.openDeals(json.readTree(board))).isEqualTo(2);
    }

    @Test
    void aBoardWithoutStagesIsReportedRatherThanCountedAsEmpty() {
        assertThatThrownBy(() -> BoardProbe.openDeals(json.readTree("{\"columns\":[]}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no stages");
    }
}
