package org.pipelineledger.command.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * A client's {@code Idempotency-Key} and the fingerprint of the request that carried it. The key is its user's own:
 * it is stored and looked up together with the authenticated user's name, so two users never share one.
 *
 * @param key         the header's value: 1 to 255 printable ASCII characters
 * @param fingerprint SHA-256, in lower-case hex, of the request's method, path and exact body bytes; the same key
 *                    with another fingerprint is another request, which the ledger refuses
 */
public record IdempotencyKey(String key, String fingerprint) {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";

    /** Stored as it comes: printable ASCII (spaces included) so it fits any column and log line unchanged. */
    private static final Pattern FORMAT = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final HexFormat HEX = HexFormat.of();

    public IdempotencyKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * The key of a request, with that request's fingerprint.
     *
     * @throws LedgerException 400 {@code INVALID_REQUEST_HEADER} when the key is not 1-255 printable ASCII characters
     */
    public static IdempotencyKey of(String key, String method, String path, byte[] body) {
        if (key == null || !FORMAT.matcher(key).matches()) {
            throw invalid();
        }
        return new IdempotencyKey(key, fingerprint(method, path, body));
    }

    /** The refusal for a key that is not well-formed, or for more than one key on one request. */
    public static LedgerException invalid() {
        return new LedgerException(ProblemCode.INVALID_REQUEST_HEADER,
                HEADER + " must be a single value of 1-255 printable ASCII characters");
    }

    /** A NUL byte separates the parts: neither a method nor a request path can contain one. */
    static String fingerprint(String method, String path, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha256.update(method.getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        sha256.update(path.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(body);
        return HEX.formatHex(sha256.digest());
    }
}
