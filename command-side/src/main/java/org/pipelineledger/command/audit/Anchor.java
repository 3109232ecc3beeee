package org.pipelineledger.command.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A checkpoint signed for an auditor to keep (ADR 0016, docs/audit-anchors.md): what {@code GET /api/audit/anchor}
 * answers. {@code signed} is the exact text the signature is over (UTF-8): fixed lines in a fixed order, each ending
 * with a line feed, so that it can be checked outside the ledger byte for byte.
 */
public record Anchor(long checkpoint, long position, String time, long events, long deals, String root, String hash,
                     String algorithm, String keyId, String signature, String signed) {

    static final String TAG = "pipeline-ledger anchor v1";

    private static final List<String> LINES =
            List.of("checkpoint", "position", "time", "events", "deals", "root", "hash");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The checkpoint, signed. */
    static Anchor of(Checkpoint checkpoint, AnchorSigner signer) {
        String signed = signedText(checkpoint);
        byte[] signature = signer.sign(signed.getBytes(StandardCharsets.UTF_8));
        return new Anchor(checkpoint.number(), checkpoint.position(), checkpoint.timeText(), checkpoint.events(),
                checkpoint.deals(), EventChain.hex(checkpoint.root()), EventChain.hex(checkpoint.hash()),
                signer.algorithm(), signer.keyId(), Base64.getEncoder().encodeToString(signature), signed);
    }

    static String signedText(Checkpoint checkpoint) {
        return TAG + "\n"
                + "checkpoint: " + checkpoint.number() + "\n"
                + "position: " + checkpoint.position() + "\n"
                + "time: " + checkpoint.timeText() + "\n"
                + "events: " + checkpoint.events() + "\n"
                + "deals: " + checkpoint.deals() + "\n"
                + "root: " + EventChain.hex(checkpoint.root()) + "\n"
                + "hash: " + EventChain.hex(checkpoint.hash()) + "\n";
    }

    /** The checkpoint's hash the anchor holds. */
    public byte[] hashBytes() {
        return HexFormat.of().parseHex(hash);
    }

    /** The signature's bytes, or {@code null} for an anchor without one. */
    byte[] signatureBytes() {
        return signature == null ? null : Base64.getDecoder().decode(signature);
    }

    /**
     * Reads an anchor as an auditor brings it: the JSON {@code GET /api/audit/anchor} answered (its {@code signed}
     * text is what counts, with {@code algorithm}, {@code keyId} and {@code signature}), or the signed text alone.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Anchor parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the anchor is empty");
        }
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return fromSigned(text, null, null, null);
        }
        JsonNode json;
        try {
            json = JSON.readTree(trimmed);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the anchor is not JSON: " + e.getOriginalMessage());
        }
        String signed = textOf(json, "signed");
        if (signed == null) {
            throw new IllegalArgumentException("the anchor has no 'signed' text");
        }
        String signature = textOf(json, "signature");
        if (signature != null) {
            try {
                Base64.getDecoder().decode(signature);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the anchor's signature is not base64");
            }
        }
        return fromSigned(signed, textOf(json, "algorithm"), textOf(json, "keyId"), signature);
    }

    private static Anchor fromSigned(String signed, String algorithm, String keyId, String signature) {
        String[] lines = signed.split("\n", -1);
        if (lines.length != LINES.size() + 2 || !lines[0].equals(TAG) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("the anchor's signed text must be the line '" + TAG + "' and "
                    + LINES.size() + " lines " + LINES + ", each ending with a line feed");
        }
        String[] values = new String[LINES.size()];
        for (int i = 0; i < LINES.size(); i++) {
            String prefix = LINES.get(i) + ": ";
            if (!lines[i + 1].startsWith(prefix)) {
                throw new IllegalArgumentException("line " + (i + 2) + " of the anchor must start with '" + prefix + "'");
            }
            values[i] = lines[i + 1].substring(prefix.length());
        }
        for (int i : new int[] {0, 1, 3, 4}) {
            require(NUMBER.matcher(values[i]).matches(), LINES.get(i) + " must be a whole number");
        }
        require(TIME.matcher(values[2]).matches(), "time must be an instant such as 2026-12-01T10:00:00.000Z");
        require(HEX.matcher(values[5]).matches(), "root must be 64 lower-case hexadecimal digits");
        require(HEX.matcher(values[6]).matches(), "hash must be 64 lower-case hexadecimal digits");
        return new Anchor(Long.parseLong(values[0]), Long.parseLong(values[1]), values[2], Long.parseLong(values[3]),
                Long.parseLong(values[4]), values[5], values[6], algorithm, keyId, signature, signed);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("the anchor's " + message);
        }
    }

    private static String textOf(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
