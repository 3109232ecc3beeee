package org.pipelineledger.command.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.pipelineledger.problem.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Verifications run in the background, with their progress (docs/audit.md). Jobs live in memory only: a restart
 * forgets them (a verification changes nothing, so running it again is all there is to do), and only the
 * {@value #KEPT} newest are kept. One verification runs at a time ({@link ChainVerifier#start}).
 */
@Component
public class VerificationJobs implements DisposableBean {

    static final int KEPT = 20;
    private static final Logger log = LoggerFactory.getLogger(VerificationJobs.class);

    private final ChainVerifier verifier;
    private final Clock clock;
    private final ExecutorService workers = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-verification");
        thread.setDaemon(true);
        return thread;
    });
    /** In the order started; guarded by itself. */
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    VerificationJobs(ChainVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /**
     * Starts a verification in the background and answers the job as it started.
     *
     * @throws LedgerException {@code VERIFICATIONS_RUNNING} while a verification runs; whatever a
     *                         {@link ChainWalkListener} refuses the scope with
     */
    public VerificationJob submit(VerificationScope scope) {
        ChainVerifier.Run run = verifier.start(scope);
        try {
            Job job = new Job(UUID.randomUUID().toString(), scope, verifier.count(scope), clock.instant());
            synchronized (jobs) {
                jobs.put(job.id, job);
                forgetOld();
            }
            workers.execute(() -> job.run(run));
            return job.view();
        } catch (RuntimeException e) {
            run.abandon();
            throw e;
        }
    }

    public Optional<VerificationJob> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).map(Job::view);
        }
    }

    /** The oldest finished jobs beyond {@value #KEPT}; a running one stays. */
    private void forgetOld() {
        Iterator<Job> oldestFirst = jobs.values().iterator();
        int excess = jobs.size() - KEPT;
        while (excess > 0 && oldestFirst.hasNext()) {
            if (oldestFirst.next().status != VerificationStatus.RUNNING) {
                oldestFirst.remove();
                excess--;
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    private final class Job {

        private final String id;
        private final VerificationScope scope;
        private final long eventsTotal;
        private final Instant startedAt;
        private final long startedNanos = System.nanoTime();
        private final AtomicLong checked = new AtomicLong();
        private volatile VerificationStatus status = VerificationStatus.RUNNING;
        private volatile VerificationResult result;
        private volatile String error;
        private volatile Instant finishedAt;
        private volatile long finishedNanos;

        Job(String id, VerificationScope scope, long eventsTotal, Instant startedAt) {
            this.id = id;
            this.scope = scope;
            this.eventsTotal = eventsTotal;
            this.startedAt = startedAt;
        }

        void run(ChainVerifier.Run run) {
            try {
                VerificationResult done = run.walk(checked::set);
                checked.set(done.eventsChecked());
                result = done;
                end(VerificationStatus.DONE);
                log.info("Verification {} done: {} events of {} deals, {} problem(s)", id, done.eventsChecked(),
                        done.deals(), done.problems().size());
            } catch (RuntimeException e) {
                log.error("Verification {} failed", id, e);
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                end(VerificationStatus.FAILED);
            }
        }

        private void end(VerificationStatus ended) {
            finishedNanos = System.nanoTime();
            finishedAt = clock.instant();
            status = ended;
        }

        VerificationJob view() {
            VerificationStatus now = status;
            long done = checked.get();
            long nanos = (now == VerificationStatus.RUNNING ? System.nanoTime() : finishedNanos) - startedNanos;
            double rate = nanos <= 0 ? 0 : Math.round(done / (nanos / 1e9) * 10) / 10.0;
            Long secondsLeft = now == VerificationStatus.RUNNING && rate > 0
                    ? Math.round(Math.max(0, eventsTotal - done) / rate) : null;
            return new VerificationJob(id, now, scope, done, eventsTotal, rate, secondsLeft, startedAt,
                    now == VerificationStatus.RUNNING ? null : finishedAt, error, result);
        }
    }
}
