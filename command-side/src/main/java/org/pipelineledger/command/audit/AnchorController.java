package org.pipelineledger.command.audit;

import java.util.Base64;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anchors (AUDITOR and ADMIN; ADR 0016, docs/audit-anchors.md): the latest checkpoint signed with the configured key,
 * and the Ed25519 public key to check it with.
 */
@RestController
@RequestMapping(path = "/api/audit/anchor", produces = MediaType.APPLICATION_JSON_VALUE)
class AnchorController {

    private final CheckpointStore store;
    private final AnchorKey key;

    AnchorController(CheckpointStore store, AnchorKey key) {
        this.store = store;
        this.key = key;
    }

    /**
     * The public key, base64 of its X.509 DER form ({@code publicKey}) and as PEM, which {@code openssl} reads.
     */
    record PublicKeyView(String algorithm, String keyId, String publicKey, String pem) {
    }

    @GetMapping
    Anchor latest() {
        AnchorSigner signer = signer();
        Checkpoint checkpoint = store.latest().orElseThrow(() -> CheckpointController.noCheckpoint(
                "none was written yet (POST /api/audit/checkpoints writes one now)"));
        return Anchor.of(checkpoint, signer);
    }

    @GetMapping("/public-key")
    PublicKeyView publicKey() {
        AnchorSigner signer = signer();
        return signer.publicKey().map(publicKey -> {
            String base64 = Base64.getEncoder().encodeToString(publicKey.getEncoded());
            String pem = "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
            return new PublicKeyView(signer.algorithm(), signer.keyId(), base64, pem);
        }).orElseThrow(() -> new LedgerException(ProblemCode.NOT_FOUND, "Anchors are signed with "
                + signer.algorithm() + " (key " + signer.keyId() + "), a shared secret: there is no public key."));
    }

    /** No key, no anchor: a server's configuration the client cannot change, so 503 rather than a 4xx. */
    private AnchorSigner signer() {
        return key.signer().orElseThrow(() -> new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "No anchor key is configured:"
                        + " set ledger.audit.anchor.ed25519-private-key or ledger.audit.anchor.hmac-key."), null));
    }
}
