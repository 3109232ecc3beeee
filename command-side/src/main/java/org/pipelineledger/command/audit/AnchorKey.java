package org.pipelineledger.command.audit;

import java.util.Optional;

/**
 * The key anchors are signed with, if one is configured (ADR 0016): {@code ledger.audit.anchor.hmac-key} or
 * {@code ledger.audit.anchor.ed25519-private-key}; with neither, the embedded (demo) profile signs with the published
 * {@link AnchorSigner#DEMO_HMAC_KEY} and warns, and any other profile signs nothing (the anchor is refused with 503).
 */
record AnchorKey(Optional<AnchorSigner> signer) {
}
