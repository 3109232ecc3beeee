package org.pipelineledger.query.web;

import java.util.List;
import org.pipelineledger.query.DeadLetters;
import org.pipelineledger.query.DeadLetters.ParkedDeal;
import org.pipelineledger.query.DeadLetters.RetryOutcome;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The events the read models parked (ADR 0012), for administrators (the security configuration keeps
 * {@code /api/admin/**} to ADMIN): list them, hand a deal's parked events to its read model again once the cause is
 * fixed, or give up on them.
 */
@RestController
@RequestMapping(path = "/api/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Every parked deal with its events, by read model. */
    @GetMapping
    List<ParkedDeal> list() {
        return deadLetters.list();
    }

    /** Retries every parked deal of every read model; the answer says, per deal, what is still parked. */
    @PostMapping("/retry")
    List<RetryOutcome> retryAll() {
        return deadLetters.retryAll();
    }

    @PostMapping("/{readModel}/{opportunityId}/retry")
    RetryOutcome retry(@PathVariable String readModel, @PathVariable String opportunityId) {
        return deadLetters.retry(readModel, opportunityId);
    }

    /** Drops the deal's parked events from the read model: it will not show them (a rebuild would). */
    @DeleteMapping("/{readModel}/{opportunityId}")
    Evicted evict(@PathVariable String readModel, @PathVariable String opportunityId) {
        return new Evicted(readModel, opportunityId, deadLetters.evict(readModel, opportunityId));
    }

    /** What an eviction dropped. */
    record Evicted(String readModel, String opportunityId, long evicted) {
    }
}
