package org.pipelineledger.command.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Verification of the hash chain (docs/audit.md), for auditors and admins as the security configuration says: at
 * once ({@code GET /api/audit/verify}), or as a job whose progress can be followed
 * ({@code POST /api/audit/verifications}). Parameters: {@code deal}, {@code from} and {@code to} (global indexes,
 * inclusive), {@code anchor}.
 */
@RestController
@RequestMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditVerificationController {

    private final ChainVerifier verifier;
    private final VerificationJobs jobs;

    AuditVerificationController(ChainVerifier verifier, VerificationJobs jobs) {
        this.verifier = verifier;
        this.jobs = jobs;
    }

    /**
     * The parameters are declared for the API's description; they are read, strictly, from the request's map
     * ({@link VerificationParameters}), which also refuses unknown and repeated ones.
     */
    @GetMapping("/verify")
    VerificationResult verify(@RequestParam(required = false) String deal, @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to, @RequestParam(required = false) String anchor,
                              HttpServletRequest request, Authentication authentication) {
        auditor(authentication);
        return verifier.verify(VerificationParameters.fromQuery(request.getParameterMap()));
    }

    @PostMapping("/verifications")
    ResponseEntity<VerificationJob> start(@RequestParam(required = false) String deal,
                                          @RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to,
                                          @RequestParam(required = false) String anchor,
                                          HttpServletRequest request, Authentication authentication) {
        auditor(authentication);
        VerificationJob job = jobs.submit(VerificationParameters.fromQuery(request.getParameterMap()));
        return ResponseEntity.accepted()
                .location(URI.create(request.getContextPath() + "/api/audit/verifications/" + job.id()))
                .body(job);
    }

    @GetMapping("/verifications/{id}")
    VerificationJob job(@PathVariable String id, Authentication authentication) {
        auditor(authentication);
        return jobs.find(id).orElseThrow(() -> new LedgerException(ProblemCode.VERIFICATION_NOT_FOUND,
                "no verification with id '" + id + "' (jobs are kept in memory, the newest "
                        + VerificationJobs.KEPT + ", until the application stops)"));
    }

    /** The security configuration lets only auditors and admins here; refusing anyone else keeps a gap harmless. */
    private static void auditor(Authentication authentication) {
        boolean allowed = authentication != null && authentication.isAuthenticated() && authentication
                .getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(role -> role.equals("ROLE_AUDITOR") || role.equals("ROLE_ADMIN"));
        if (!allowed) {
            throw new LedgerException(ProblemCode.ACCESS_DENIED, "only auditors and admins may verify the ledger");
        }
    }
}
