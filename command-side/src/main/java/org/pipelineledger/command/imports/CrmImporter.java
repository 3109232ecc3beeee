package org.pipelineledger.command.imports;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.pipelineledger.command.imports.RowRules.Decision;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.command.opportunity.OpportunityCommandSender;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Imports a CRM export (docs/import.md): checks and copies its files, records a job, decides each row of the pipeline
 * file by {@link RowRules} and sends the commands through the {@link OpportunityCommandSender}, as an admin, backdated,
 * with the job's id as request and correlation id. Deals go to a few workers at once, each deal's commands in order on
 * one; the job's counters and problems are written as it goes. A deal already in the ledger counts as imported
 * ({@code alreadyPresent}), so running the same files again appends nothing and finishes what an earlier run left.
 */
public class CrmImporter implements SmartInitializingSingleton, DisposableBean {

    /** How often a running job writes its counters and problems, and the command line logs its progress. */
    private static final Duration FLUSH_EVERY = Duration.ofMillis(500);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(CrmImporter.class);

    /** One file given for a part: the part's name, what to call the file, and how to read it. */
    public record Source(String part, String fileName, Content content) {
    }

    /** Opens a file's content; called once. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    private final OpportunityCommandSender sender;
    private final ImportJobs jobs;
    private final Clock clock;
    private final PipelineCatalog catalog;
    private final ImportSettings settings;
    /** One import at a time: they would only compete for the same two cores and the same database. */
    private final ExecutorService imports = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "crm-import");
        thread.setDaemon(true);
        return thread;
    });

    CrmImporter(OpportunityCommandSender sender, ImportJobs jobs, Clock clock, PipelineCatalog catalog,
                ImportSettings settings) {
        this.sender = sender;
        this.jobs = jobs;
        this.clock = clock;
        this.catalog = catalog;
        this.settings = settings;
    }

    /** A job left RUNNING was stopped with the application that ran it. */
    @Override
    public void afterSingletonsInstantiated() {
        int interrupted = jobs.markInterrupted();
        if (interrupted > 0) {
            log.warn("{} import(s) were interrupted by a stop of the application and are marked FAILED", interrupted);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        imports.shutdownNow();
        imports.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Checks the files and starts the import in the background.
     *
     * @return the job as it started
     * @throws LedgerException before anything is appended: {@code UNKNOWN_PIPELINE}, or {@code NOT_AN_EXPORT} for a
     *                         pipeline without the export's stages, a missing or unknown part, or a file that cannot
     *                         be the part's
     */
    public ImportJob submit(String pipeline, List<Source> sources, Actor actor) throws IOException {
        Prepared prepared = prepare(pipeline, sources, actor);
        try {
            imports.execute(() -> run(prepared));
        } catch (RuntimeException e) {
            prepared.close();
            throw e;
        }
        return find(prepared.id).orElseThrow();
    }

    /** As {@link #submit}, but runs the import on the calling thread and answers the finished job. */
    public ImportJob runHere(String pipeline, List<Source> sources, Actor actor) throws IOException {
        Prepared prepared = prepare(pipeline, sources, actor);
        run(prepared);
        return find(prepared.id).orElseThrow();
    }

    public Optional<ImportJob> find(String id) {
        return jobs.find(id);
    }

    /** Every job, newest first; without their problems. */
    public List<ImportJob> all() {
        return jobs.all();
    }

    /** The job's problems by row. */
    public void problems(String id, Consumer<RowProblem> consumer) {
        jobs.problems(id, consumer);
    }

    /** An import whose files are checked and whose job is recorded, not yet run. */
    private record Prepared(String id, Map<ExportPart, ExportFile> files, RowRules rules) implements AutoCloseable {

        ExportFile pipelineFile() {
            return files.get(ExportPart.PIPELINE);
        }

        @Override
        public void close() {
            files.values().forEach(ExportFile::close);
        }
    }

    private Prepared prepare(String pipelineKey, List<Source> sources, Actor actor) throws IOException {
        PipelineDefinition pipeline = catalog.require(pipelineKey);
        List<StageKey> missing = Stream.of(RowRules.PROSPECTING, RowRules.ENGAGING)
                .filter(stage -> !pipeline.contains(stage)).toList();
        if (!missing.isEmpty()) {
            throw new LedgerException(ProblemCode.NOT_AN_EXPORT, "pipeline '" + pipeline.key() + "' has no stage "
                    + missing + ", where a CRM export's open deals are: import into one with " + RowRules.PROSPECTING
                    + " and " + RowRules.ENGAGING + " (such as crm); nothing was imported");
        }
        Map<ExportPart, Source> byPart = new EnumMap<>(ExportPart.class);
        for (Source source : sources) {
            ExportPart part = ExportPart.named(source.part());
            if (part == null) {
                throw notAnExport("unknown part '" + source.part() + "'");
            }
            if (byPart.put(part, source) != null) {
                throw notAnExport("the part '" + source.part() + "' is given twice");
            }
        }
        if (!byPart.containsKey(ExportPart.PIPELINE)) {
            throw notAnExport("the part 'pipeline' (the opportunities file, sales_pipeline.csv) is missing");
        }
        Map<ExportPart, ExportFile> files = new EnumMap<>(ExportPart.class);
        try {
            for (Source source : byPart.values()) {
                ExportPart part = ExportPart.named(source.part());
                try (InputStream content = source.content().open()) {
                    files.put(part, ExportFile.copy(part, source.fileName(), content));
                }
            }
            CrmReferences references = CrmReferences.of(files.get(ExportPart.TEAMS), files.get(ExportPart.ACCOUNTS),
                    files.get(ExportPart.PRODUCTS));
            Instant startedAt = clock.instant();
            String id = UUID.randomUUID().toString();
            RowRules rules = new RowRules(references, pipeline.key(), actor, startedAt, settings.expectedCloseDays());
            List<String> names = files.values().stream()
                    .map(file -> file.part().partName() + ": " + file.name()).toList();
            jobs.start(id, pipeline.key(), actor.name(), names, files.get(ExportPart.PIPELINE).rows(), startedAt);
            log.info("Import {} into {} as {}: {} rows from {}", id, pipeline.key(), actor.name(),
                    files.get(ExportPart.PIPELINE).rows(), names);
            return new Prepared(id, files, rules);
        } catch (IOException | RuntimeException e) {
            files.values().forEach(ExportFile::close);
            throw e;
        }
    }

    private static LedgerException notAnExport(String why) {
        return new LedgerException(ProblemCode.NOT_AN_EXPORT, why + ": the parts are pipeline (required), teams, "
                + "accounts and products; nothing was imported");
    }

    private void run(Prepared prepared) {
        try (prepared) {
            new Run(prepared).execute();
        }
    }

    /** One import's execution: the rows read in order, sent by the workers, counted and written as they finish. */
    private final class Run {

        private final Prepared prepared;
        private final String id;
        private final ExecutorService workers;
        private final Semaphore inFlight;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicInteger imported = new AtomicInteger();
        private final AtomicInteger alreadyPresent = new AtomicInteger();
        private final AtomicInteger rowsWarned = new AtomicInteger();
        private final AtomicInteger rejected = new AtomicInteger();
        private final List<RowProblem> pending = new ArrayList<>();
        private int problemsWritten;
        private long lastFlush = System.nanoTime();
        private long lastLog = System.nanoTime();

        Run(Prepared prepared) {
            this.prepared = prepared;
            this.id = prepared.id;
            this.workers = Executors.newFixedThreadPool(settings.workers(), runnable -> {
                Thread thread = new Thread(runnable, "crm-import-worker");
                thread.setDaemon(true);
                return thread;
            });
            // enough queued deals to keep every worker busy, few enough that memory does not grow with the file
            this.inFlight = new Semaphore(settings.workers() * 16);
        }

        void execute() {
            String error = null;
            try {
                prepared.pipelineFile().forEachRow(row -> {
                    Decision decision = prepared.rules.decide(row);
                    if (decision.rejected()) {
                        rowDone(false, false, decision.problems());
                    } else {
                        inFlight.acquireUninterruptibly();
                        workers.execute(() -> {
                            try {
                                send(decision);
                            } catch (Throwable t) {
                                failure.compareAndSet(null, t);
                            } finally {
                                inFlight.release();
                            }
                        });
                    }
                    flushEvery();
                    return failure.get() == null && !Thread.currentThread().isInterrupted();
                });
                workers.shutdown();
                while (!workers.awaitTermination(FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                    flushEvery();
                }
                if (failure.get() != null) {
                    error = "stopped by a failure of the ledger: " + failure.get();
                    log.error("Import {} stopped", id, failure.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                error = "stopped by a failure of the ledger: " + e;
                log.error("Import {} stopped", id, e);
            } finally {
                workers.shutdownNow();
            }
            // the job is still written when the thread was interrupted (the database's file must not see it)
            boolean interrupted = Thread.interrupted();
            if (error == null && interrupted) {
                error = "interrupted: the application stopped while the import ran";
            }
            ImportStatus status = error == null ? ImportStatus.DONE : ImportStatus.FAILED;
            ImportJobs.Counts counts = flush();
            jobs.finish(id, counts, status, error);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            log.info("Import {} {}: {} rows, {} imported ({} already present, {} with warnings), {} rejected{}", id,
                    status, prepared.pipelineFile().rows(), counts.imported(), counts.alreadyPresent(),
                    counts.rowsWarned(), counts.rejected(), error == null ? "" : "; " + error);
        }

        /** Sends one deal's commands, in order; a refusal rejects the row, anything else stops the import. */
        private void send(Decision decision) {
            boolean present = false;
            try {
                sender.send(decision.create(), id, id);
            } catch (LedgerException e) {
                if (e.problemCode() != ProblemCode.OPPORTUNITY_EXISTS) {
                    refused(decision, e, "row rejected");
                    return;
                }
                present = true;
            }
            if (decision.close() != null) {
                try {
                    sender.send(decision.close(), id, id);
                } catch (LedgerException e) {
                    // an earlier run of this file created and closed it: the close is done as well
                    if (!present || e.problemCode() != ProblemCode.OPPORTUNITY_CLOSED) {
                        refused(decision, e, present ? "row rejected: the deal is in the ledger, open"
                                : "row rejected: the deal was created, but not closed");
                        return;
                    }
                }
            }
            rowDone(true, present, decision.problems());
        }

        private void refused(Decision decision, LedgerException e, String done) {
            RowProblem problem = new RowProblem(decision.row().line(), decision.row().get("opportunity_id"),
                    null, null, Rule.REFUSED_BY_LEDGER, Rule.Action.REJECTED,
                    "the ledger refused it, " + e.code() + ": " + e.getMessage(), done);
            rowDone(false, false, List.of(problem));
        }

        private void rowDone(boolean wasImported, boolean present, List<RowProblem> problems) {
            synchronized (pending) {
                pending.addAll(problems);
                if (!wasImported) {
                    rejected.incrementAndGet();
                    return;
                }
                imported.incrementAndGet();
                if (present) {
                    alreadyPresent.incrementAndGet();
                }
                if (!problems.isEmpty()) {
                    rowsWarned.incrementAndGet();
                }
            }
        }

        private void flushEvery() {
            long now = System.nanoTime();
            if (now - lastFlush < FLUSH_EVERY.toNanos()) {
                return;
            }
            lastFlush = now;
            ImportJobs.Counts counts = flush();
            if (now - lastLog >= LOG_EVERY.toNanos()) {
                lastLog = now;
                log.info("Import {}: {}/{} rows done", id, counts.rowsDone(), prepared.pipelineFile().rows());
            }
        }

        /** Writes the problems recorded since the last flush, then the counters that include them. */
        private ImportJobs.Counts flush() {
            List<RowProblem> problems;
            ImportJobs.Counts counts;
            synchronized (pending) {
                problems = List.copyOf(pending);
                pending.clear();
                counts = new ImportJobs.Counts(imported.get() + rejected.get(), imported.get(), alreadyPresent.get(),
                        rowsWarned.get(), rejected.get());
            }
            if (!problems.isEmpty()) {
                jobs.addProblems(id, problemsWritten, problems);
                problemsWritten += problems.size();
            }
            jobs.progress(id, counts);
            return counts;
        }
    }
}
