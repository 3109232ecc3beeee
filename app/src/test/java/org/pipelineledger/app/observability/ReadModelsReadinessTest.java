package org.pipelineledger.app.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.pipelineledger.query.GetReadModelStatus;
import org.pipelineledger.query.ReadModelStatus;
import org.springframework.boot.actuate.health.Status;

class ReadModelsReadinessTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    private final QueryGateway queryGateway = mock(QueryGateway.class);

    static ReadModelStatus status(Long behind, boolean failing) {
        return new ReadModelStatus(100, behind != null && behind == 0 && !failing, List.of(new ReadModelStatus.Processor(
                "projections", List.of("board"), true, false, behind == null ? null : 100 - behind, behind, 1,
                behind == null ? 0 : 1, failing, null, failing ? 1 : 0, List.of())), List.of());
    }

    private void answers(ReadModelStatus first, ReadModelStatus... then) {
        CompletableFuture<ReadModelStatus> firstAnswer = CompletableFuture.completedFuture(first);
        @SuppressWarnings("unchecked")
        CompletableFuture<ReadModelStatus>[] later = java.util.Arrays.stream(then)
                .map(CompletableFuture::completedFuture).toArray(CompletableFuture[]::new);
        when(queryGateway.query(any(GetReadModelStatus.class), eq(ReadModelStatus.class)))
                .thenReturn(firstAnswer, later);
    }

    @Test
    void outOfServiceUntilEveryProcessorIsAtTheHeadAndThenUpForGoodThoughItLagsOrDegradesLater() {
        answers(status(null, false), status(7L, false), status(0L, false), status(50L, false), status(0L, true));
        ReadModelsReadiness readiness = new ReadModelsReadiness(queryGateway, 0, CLOCK);

        assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(readiness.health().getDetails()).containsEntry("head", 100L)
                .containsEntry("behind", java.util.Map.of("projections", 7L));
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        assertThat(readiness.health().getDetails()).containsEntry("caughtUpAt", CLOCK.instant());
    }

    @Test
    void aConfiguredLagIsCloseEnough() {
        answers(status(11L, false), status(10L, false));
        ReadModelsReadiness readiness = new ReadModelsReadiness(queryGateway, 10, CLOCK);

        assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void parkedDealsDoNotKeepANodeFromBecomingReady() {
        answers(status(0L, true));

        assertThat(new ReadModelsReadiness(queryGateway, 0, CLOCK).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void noProcessorAtAllIsNotReady() {
        answers(new ReadModelStatus(-1, true, List.of(), List.of()));

        assertThat(new ReadModelsReadiness(queryGateway, 0, CLOCK).health().getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void aNegativeLagIsRefusedAtStart() {
        assertThatThrownBy(() -> new ReadModelsReadiness(queryGateway, -1, CLOCK))
                .hasMessageContaining("ledger.readiness.max-lag-events");
    }
}
