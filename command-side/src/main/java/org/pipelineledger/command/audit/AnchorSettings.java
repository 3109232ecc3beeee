package org.pipelineledger.command.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.audit.anchor.*}: the key anchors are signed with (docs/audit-anchors.md). At most one of the two.
 *
 * @param hmacKey            HMAC-SHA256: the secret, base64, at least 32 bytes
 * @param ed25519PrivateKey Ed25519: the private key, base64 of its PKCS#8 DER form
 *                           ({@code openssl genpkey -algorithm ed25519 -outform DER | base64 -w0})
 */
@ConfigurationProperties("ledger.audit.anchor")
record AnchorSettings(String hmacKey, String ed25519PrivateKey) {
}
