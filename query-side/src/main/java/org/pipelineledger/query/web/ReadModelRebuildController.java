package org.pipelineledger.query.web;

import java.net.URI;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.pipelineledger.query.ReadModelRebuilds;
import org.pipelineledger.query.ReadModelRebuilds.Rebuild;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilding a read model beside the live one (ADR 0019), for administrators (the security configuration keeps
 * {@code /api/admin/**} to ADMIN): begin one, and follow it; {@code GET /api/read-models/status} lists them too.
 */
@RestController
@RequestMapping(path = "/api/admin/read-models/{readModel}/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
class ReadModelRebuildController {

    private final ReadModelRebuilds rebuilds;

    ReadModelRebuildController(ReadModelRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /** 202 with the rebuild's progress and where to follow it; 404 unknown read model, 409 one under way. */
    @PostMapping
    ResponseEntity<Rebuild> rebuild(@PathVariable String readModel) {
        Rebuild rebuild = rebuilds.start(readModel);
        return ResponseEntity.accepted().location(URI.create("/api/admin/read-models/" + readModel + "/rebuild"))
                .body(rebuild);
    }

    /** The read model's latest rebuild; 404 when it has had none. */
    @GetMapping
    Rebuild latest(@PathVariable String readModel) {
        return rebuilds.find(readModel).orElseThrow(() -> new LedgerException(ProblemCode.NOT_FOUND,
                "the read model '" + readModel + "' has not been rebuilt"));
    }
}
