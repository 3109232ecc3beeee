package org.pipelineledger.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedgerExceptionTest {

    @Test
    void aRefusalTakesItsStatusFromTheCatalogue() {
        LedgerException refusal = new LedgerException(ProblemCode.STALE_VERSION, "changed");

        assertThat(refusal.problemCode()).isEqualTo(ProblemCode.STALE_VERSION);
        assertThat(refusal.kind()).isEqualTo(ProblemKind.CONFLICT);
    }

    @Test
    void aCodeOnlyTheWebLayerAnswersIsNoLedgerRefusal() {
        assertThatThrownBy(() -> new LedgerException(ProblemCode.INTERNAL_ERROR, "boom"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDealNotFoundReadsTheSame() {
        assertThat(LedgerException.opportunityNotFound("acme").getMessage()).isEqualTo("no deal with id 'acme'");
        assertThat(LedgerException.opportunityNotFound("acme").problemCode())
                .isEqualTo(ProblemCode.OPPORTUNITY_NOT_FOUND);
    }
}
