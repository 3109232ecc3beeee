package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/** Jobs: progress while running, the result when done, the error when failed; how many run and are kept. */
class VerificationJobsTest {

    private final AuditStore store = AuditStore.migrated();
    private final CountDownLatch release = new CountDownLatch(1);
    private VerificationJobs jobs;

    /** Holds the walk in its second deal until released, so that a test sees it running. */
    private final ChainWalkListener holding = new ChainWalkListener() {
        private int deals;

        @Override
        public void start(VerificationScope scope) {
            deals = 0;
        }

        @Override
        public void deal(String deal, long[] sequences, byte[][] computedHashes) {
            if (++deals == 2) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public List<AuditProblem> finish() {
            return List.of();
        }
    };

    private VerificationJobs jobs(ChainWalkListener... listeners) {
        jobs = new VerificationJobs(store.verifier(listeners), Clock.systemUTC());
        return jobs;
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (jobs != null) {
            jobs.destroy();
        }
    }

    private VerificationJob awaitEnd(String id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> jobs.find(id).orElseThrow(), job -> job.status() != VerificationStatus.RUNNING);
    }

    @Test
    void aRunningJobShowsItsProgressAndTheTimeLeftThenItsResult() {
        store.deal(3);
        store.deal(3);
        VerificationJobs jobs = jobs(holding);

        VerificationJob started = jobs.submit(VerificationScope.everything());

        assertThat(started.eventsTotal()).isEqualTo(6);
        VerificationJob running = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> jobs.find(started.id()).orElseThrow(), job -> job.eventsChecked() == 3);
        assertThat(running.status()).isEqualTo(VerificationStatus.RUNNING);
        assertThat(running.eventsPerSecond()).isPositive();
        assertThat(running.secondsLeft()).isNotNull().isNotNegative();
        assertThat(running.result()).isNull();
        assertThat(running.finishedAt()).isNull();

        release.countDown();
        VerificationJob done = awaitEnd(started.id());

        assertThat(done.status()).isEqualTo(VerificationStatus.DONE);
        assertThat(done.eventsChecked()).isEqualTo(6);
        assertThat(done.secondsLeft()).isNull();
        assertThat(done.finishedAt()).isNotNull();
        assertThat(done.result().ok()).isTrue();
    }

    @Test
    void aJobThatFailsSaysWhy() {
        store.deal(1);
        VerificationJobs jobs = jobs(new ChainWalkListener() {
            @Override
            public void start(VerificationScope scope) {
            }

            @Override
            public void deal(String deal, long[] sequences, byte[][] computedHashes) {
            }

            @Override
            public List<AuditProblem> finish() {
                throw new IllegalStateException("the checkpoints could not be read");
            }
        });

        VerificationJob failed = awaitEnd(jobs.submit(VerificationScope.everything()).id());

        assertThat(failed.status()).isEqualTo(VerificationStatus.FAILED);
        assertThat(failed.error()).isEqualTo("the checkpoints could not be read");
        assertThat(failed.result()).isNull();
    }

    @Test
    void aScopeAListenerRefusesStartsNoJob() {
        VerificationJobs jobs = jobs(new ChainWalkListener() {
            @Override
            public void start(VerificationScope scope) {
                throw new LedgerException(ProblemCode.INVALID_PARAMETER, "not an anchor");
            }

            @Override
            public void deal(String deal, long[] sequences, byte[][] computedHashes) {
            }

            @Override
            public List<AuditProblem> finish() {
                return List.of();
            }
        });

        assertThatThrownBy(() -> jobs.submit(new VerificationScope(null, null, null, "x")))
                .isInstanceOf(LedgerException.class).hasMessage("not an anchor");
        // and the refusal did not keep the next verification from starting
        assertThatThrownBy(() -> jobs.submit(new VerificationScope(null, null, null, "y")))
                .isInstanceOf(LedgerException.class).hasMessage("not an anchor");
    }

    @Test
    void oneVerificationRunsAtATimeAndTheNextOneStartsWhenItIsDone() {
        store.deal(1);
        store.deal(1);
        ChainVerifier verifier = store.verifier(holding);
        jobs = new VerificationJobs(verifier, Clock.systemUTC());
        String first = jobs.submit(VerificationScope.everything()).id();

        assertThatThrownBy(() -> jobs.submit(VerificationScope.everything())).isInstanceOf(LedgerException.class)
                .extracting(e -> ((LedgerException) e).problemCode()).isEqualTo(ProblemCode.VERIFICATIONS_RUNNING);
        assertThatThrownBy(() -> verifier.verify(VerificationScope.everything())).isInstanceOf(LedgerException.class)
                .extracting(e -> ((LedgerException) e).problemCode()).isEqualTo(ProblemCode.VERIFICATIONS_RUNNING);

        release.countDown();
        awaitEnd(first);
        assertThat(verifier.verify(VerificationScope.everything()).ok()).isTrue();
    }

    @Test
    void onlyTheNewestJobsAreKept() {
        store.deal(1);
        VerificationJobs jobs = jobs();
        String first = jobs.submit(VerificationScope.everything()).id();
        awaitEnd(first);
        String last = null;
        for (int job = 0; job < VerificationJobs.KEPT; job++) {
            last = jobs.submit(VerificationScope.everything()).id();
            awaitEnd(last);
        }

        assertThat(jobs.find(first)).isEmpty();
        assertThat(jobs.find(last)).isPresent();
    }
}
