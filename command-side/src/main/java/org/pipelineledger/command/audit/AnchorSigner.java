package org.pipelineledger.command.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs anchors with the key from configuration (ADR 0016, docs/audit-anchors.md): HMAC-SHA256 with a shared secret,
 * or Ed25519 with a private key whose public key anyone may hold. The key id names the key without revealing it: the
 * first 16 hexadecimal digits of SHA-256 of the public key's X.509 DER form, or of the secret.
 */
final class AnchorSigner {

    public static final String HMAC_SHA256 = "HMAC-SHA256";
    public static final String ED25519 = "Ed25519";

    /**
     * The embedded (demo) profile's key when none is configured. It is published here, so an anchor signed with it
     * proves nothing: anyone can sign one.
     */
    static final String DEMO_HMAC_KEY = Base64.getEncoder().encodeToString(
            "pipeline-ledger DEMO anchor key, published".getBytes(StandardCharsets.US_ASCII));

    private final String algorithm;
    private final String keyId;
    private final byte[] secret;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private AnchorSigner(String algorithm, byte[] secret, PrivateKey privateKey, PublicKey publicKey) {
        this.algorithm = algorithm;
        this.secret = secret;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        byte[] named = publicKey != null ? publicKey.getEncoded() : secret;
        this.keyId = (publicKey != null ? "ed25519:" : "hmac-sha256:")
                + EventChain.hex(EventChain.sha256().digest(named)).substring(0, 16);
    }

    /** HMAC-SHA256 with a base64 secret of at least 32 bytes. */
    public static AnchorSigner hmac(String base64Secret) {
        byte[] secret = decode(base64Secret, "ledger.audit.anchor.hmac-key");
        if (secret.length < 32) {
            throw new IllegalArgumentException("ledger.audit.anchor.hmac-key must be at least 32 bytes, was "
                    + secret.length);
        }
        return new AnchorSigner(HMAC_SHA256, secret, null, null);
    }

    /**
     * Ed25519 with a base64 PKCS#8 private key. The JDK has no call that derives the public key from the private one,
     * but its key-pair generator derives the pair from the 32 bytes it draws: handed the private key's own bytes, it
     * gives that key's public key. The pair is checked by a signature before it is used.
     */
    public static AnchorSigner ed25519(String base64Pkcs8) {
        byte[] der = decode(base64Pkcs8, "ledger.audit.anchor.ed25519-private-key");
        try {
            PrivateKey privateKey = KeyFactory.getInstance(ED25519).generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = ((EdECPrivateKey) privateKey).getBytes().orElseThrow(
                    () -> new IllegalArgumentException("the Ed25519 private key has no key bytes"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ED25519);
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            AnchorSigner signer = new AnchorSigner(ED25519, null, privateKey, pair.getPublic());
            byte[] probe = "pipeline-ledger anchor key check".getBytes(StandardCharsets.US_ASCII);
            if (!verify(ED25519, pair.getPublic(), probe, signer.sign(probe))) {
                throw new IllegalStateException("the public key derived from the Ed25519 private key does not verify");
            }
            return signer;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("ledger.audit.anchor.ed25519-private-key is not a PKCS#8 Ed25519 private"
                    + " key: " + e.getMessage(), e);
        }
    }

    public String algorithm() {
        return algorithm;
    }

    public String keyId() {
        return keyId;
    }

    /** Ed25519's public key; empty for HMAC, whose secret is shared, not published. */
    public Optional<PublicKey> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    boolean isDemoKey() {
        return secret != null && MessageDigest.isEqual(secret, Base64.getDecoder().decode(DEMO_HMAC_KEY));
    }

    public byte[] sign(byte[] text) {
        try {
            if (secret != null) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac.doFinal(text);
            }
            Signature signature = Signature.getInstance(ED25519);
            signature.initSign(privateKey);
            signature.update(text);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime since 15 has HMAC-SHA256 and Ed25519", e);
        }
    }

    /** Whether {@code signature} is this key's over {@code text}; HMAC compares in constant time. */
    public boolean verify(byte[] text, byte[] signature) {
        if (secret != null) {
            return MessageDigest.isEqual(sign(text), signature);
        }
        return verify(ED25519, publicKey, text, signature);
    }

    /** What an auditor does with the public key alone. */
    public static boolean verify(String algorithm, PublicKey publicKey, byte[] text, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(text);
            return verifier.verify(signature);
        } catch (InvalidKeyException e) {
            return false;
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime since 15 has Ed25519", e);
        }
    }

    private static byte[] decode(String base64, String property) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " is not base64: " + e.getMessage(), e);
        }
    }

    /** Hands the key-pair generator the private key's bytes as the only "random" bytes it draws. */
    private static final class SeedRandom extends SecureRandom {

        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the generator drew " + bytes.length + " bytes, not the key's "
                        + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
