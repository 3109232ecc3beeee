package org.pipelineledger.command.audit;

import java.net.URI;
import java.util.List;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The checkpoints (AUDITOR and ADMIN, as the security configuration says; ADR 0016): write one now, list the latest.
 */
@RestController
@RequestMapping(path = "/api/audit/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
class CheckpointController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private final CheckpointStore store;
    private final CheckpointWriter writer;

    CheckpointController(CheckpointStore store, CheckpointWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /** One checkpoint as the API shows it; hashes in lower-case hexadecimal. */
    record CheckpointView(long number, long position, String time, long events, long deals, String root,
                          String previous, String hash, boolean settled) {

        static CheckpointView of(Checkpoint checkpoint) {
            return new CheckpointView(checkpoint.number(), checkpoint.position(), checkpoint.timeText(),
                    checkpoint.events(), checkpoint.deals(), EventChain.hex(checkpoint.root()),
                    EventChain.hex(checkpoint.previous()), EventChain.hex(checkpoint.hash()), checkpoint.settled());
        }
    }

    record Checkpoints(List<CheckpointView> checkpoints) {
    }

    /**
     * A checkpoint at the current highest chained global index, without waiting for it to settle: 201 with it; 200
     * with the latest one when nothing was chained since (or another writer wrote it at that moment).
     */
    @PostMapping
    ResponseEntity<CheckpointView> write() {
        return writer.write(store.maxGlobalIndex(), false)
                .map(written -> ResponseEntity.created(URI.create("/api/audit/checkpoints?limit=1"))
                        .body(CheckpointView.of(written)))
                .orElseGet(() -> ResponseEntity.ok(CheckpointView.of(store.latest().orElseThrow(
                        () -> noCheckpoint("no event is chained yet, so there is nothing to checkpoint")))));
    }

    /** The latest checkpoints, newest first. */
    @GetMapping
    Checkpoints latest(@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new LedgerException(ProblemCode.INVALID_LIMIT,
                    "limit must be between 1 and " + MAX_LIMIT + "; got " + limit);
        }
        return new Checkpoints(store.latest(limit).stream().map(CheckpointView::of).toList());
    }

    static LedgerException noCheckpoint(String why) {
        return new LedgerException(ProblemCode.NO_CHECKPOINT, "There is no checkpoint: " + why + ".");
    }
}
