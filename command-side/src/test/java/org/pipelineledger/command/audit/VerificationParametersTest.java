package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

class VerificationParametersTest {

    private static void refused(Map<String, String[]> query, String message) {
        assertThatThrownBy(() -> VerificationParameters.fromQuery(query)).isInstanceOf(LedgerException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((LedgerException) e).problemCode()).isEqualTo(ProblemCode.INVALID_PARAMETER);
    }

    @Test
    void noParameterIsTheWholeStore() {
        assertThat(VerificationParameters.fromQuery(Map.of())).isEqualTo(VerificationScope.everything());
    }

    @Test
    void everyParameterIsTaken() {
        assertThat(VerificationParameters.fromQuery(Map.of("deal", new String[]{"d-1"}, "from", new String[]{"3"},
                "to", new String[]{"3"}, "anchor", new String[]{"opaque text"})))
                .isEqualTo(new VerificationScope("d-1", 3L, 3L, "opaque text"));
    }

    @Test
    void whatIsNotAScopeIsRefused() {
        refused(Map.of("dael", new String[]{"d-1"}), "unknown parameter(s) [dael]");
        refused(Map.of("deal", new String[]{"a", "b"}), "given 2 times");
        refused(Map.of("deal", new String[]{" "}), "'deal'");
        refused(Map.of("deal", new String[]{"x".repeat(256)}), "'deal'");
        refused(Map.of("from", new String[]{"1.5"}), "'from' must be a global index");
        refused(Map.of("to", new String[]{"-1"}), "'to' must be a global index");
        refused(Map.of("from", new String[]{"99999999999999999999"}), "'from'");
        refused(Map.of("from", new String[]{"5"}, "to", new String[]{"4"}), "'from' (5) is after 'to' (4)");
        refused(Map.of("anchor", new String[]{""}), "'anchor' must not be blank");
    }
}
