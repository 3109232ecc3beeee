package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Anchors as an auditor checks them outside the ledger: the signed text, and the signature with the JDK alone. */
class AnchorTest {

    private static final Checkpoint CHECKPOINT = Checkpoint.of(7, 4711, Instant.parse("2026-12-01T10:00:00.5Z"),
            4711, 130, new byte[32], EventChain.GENESIS, true);

    @Test
    void theSignedTextIsTheCheckpointsFieldsLineByLine() {
        Anchor anchor = Anchor.of(CHECKPOINT, AnchorSigner.hmac(AnchorSigner.DEMO_HMAC_KEY));

        assertThat(anchor.signed()).isEqualTo("pipeline-ledger anchor v1\n"
                + "checkpoint: 7\n"
                + "position: 4711\n"
                + "time: 2026-12-01T10:00:00.500Z\n"
                + "events: 4711\n"
                + "deals: 130\n"
                + "root: " + "00".repeat(32) + "\n"
                + "hash: " + EventChain.hex(CHECKPOINT.hash()) + "\n");
        assertThat(Anchor.parse(anchor.signed())).isEqualTo(new Anchor(7, 4711, "2026-12-01T10:00:00.500Z", 4711, 130,
                "00".repeat(32), EventChain.hex(CHECKPOINT.hash()), null, null, null, anchor.signed()));
    }

    @Test
    void anHmacAnchorIsCheckedWithTheSharedSecretAsAnyHmacToolWould() throws Exception {
        byte[] secret = "an auditor's secret of at least thirty-two bytes".getBytes(StandardCharsets.US_ASCII);
        AnchorSigner signer = AnchorSigner.hmac(Base64.getEncoder().encodeToString(secret));
        Anchor anchor = Anchor.of(CHECKPOINT, signer);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        assertThat(anchor.signature()).isEqualTo(Base64.getEncoder().encodeToString(
                mac.doFinal(anchor.signed().getBytes(StandardCharsets.UTF_8))));
        assertThat(anchor.algorithm()).isEqualTo("HMAC-SHA256");
        assertThat(anchor.keyId()).isEqualTo("hmac-sha256:" + EventChain.hex(EventChain.sha256().digest(secret))
                .substring(0, 16));
        assertThat(signer.publicKey()).isEmpty();
    }

    @Test
    void anEd25519AnchorIsCheckedWithThePublicKeyAlone() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AnchorSigner signer = AnchorSigner.ed25519(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        Anchor anchor = Anchor.of(CHECKPOINT, signer);

        // the ledger's public key is the pair's: derived from the private key, not configured
        assertThat(signer.publicKey().map(PublicKey::getEncoded)).hasValue(pair.getPublic().getEncoded());
        PublicKey published = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(signer.publicKey().orElseThrow().getEncoded()));
        byte[] signed = anchor.signed().getBytes(StandardCharsets.UTF_8);
        byte[] signature = Base64.getDecoder().decode(anchor.signature());
        assertThat(AnchorSigner.verify("Ed25519", published, signed, signature)).isTrue();
        signed[signed.length - 2] ^= 1;
        assertThat(AnchorSigner.verify("Ed25519", published, signed, signature)).isFalse();
        assertThat(anchor.keyId()).isEqualTo("ed25519:" + EventChain.hex(EventChain.sha256()
                .digest(pair.getPublic().getEncoded())).substring(0, 16));
    }

    @Test
    void anOpensslKeyIsReadAndItsPublicKeyIsTheOneOpensslDerives() {
        // openssl genpkey -algorithm ed25519 -outform DER | base64 -w0; openssl pkey -pubout -outform DER | base64
        AnchorSigner signer = AnchorSigner.ed25519("MC4CAQAwBQYDK2VwBCIEIGJI3orMnf/EqYEOAcE2F5eXldelpQe5u56Eg/ysiNwN");
        assertThat(Base64.getEncoder().encodeToString(signer.publicKey().orElseThrow().getEncoded()))
                .isEqualTo("MCowBQYDK2VwAyEAlv3yRMYCtzksdP99zApmQMZFSQB2RR9xtA0afRtPwiU=");
    }

    @Test
    void keysThatAreNoneAreRefusedAtStart() {
        assertThatThrownBy(() -> AnchorSigner.hmac(Base64.getEncoder().encodeToString(new byte[31])))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> AnchorSigner.hmac("not base64!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> AnchorSigner.ed25519(AnchorSigner.DEMO_HMAC_KEY))
                .hasMessageContaining("not a PKCS#8 Ed25519 private key");
        assertThatThrownBy(() -> CheckpointConfiguration.signer(
                new AnchorSettings(AnchorSigner.DEMO_HMAC_KEY, "MC4CAQAwBQYDK2VwBCIEIGJI3orMnf/EqYEOAcE2F5eXldelpQe5u56Eg/ysiNwN"),
                true)).hasMessageContaining("not both");
    }

    @Test
    void withoutAKeyTheDemoProfileSignsWithThePublishedKeyAndAnyOtherSignsNothing() {
        assertThat(CheckpointConfiguration.signer(new AnchorSettings(null, null), true))
                .hasValueSatisfying(signer -> assertThat(signer.isDemoKey()).isTrue());
        assertThat(CheckpointConfiguration.signer(new AnchorSettings(null, " "), false)).isEqualTo(Optional.empty());
    }

    @Test
    void anAnchorThatIsNotOneIsRefusedSayingWhy() {
        String good = Anchor.of(CHECKPOINT, AnchorSigner.hmac(AnchorSigner.DEMO_HMAC_KEY)).signed();
        assertThatThrownBy(() -> Anchor.parse(good.replace("deals: 130", "deals: 0130")))
                .hasMessage("the anchor's deals must be a whole number");
        assertThatThrownBy(() -> Anchor.parse(good.replace("\nhash", "\nhush")))
                .hasMessage("line 8 of the anchor must start with 'hash: '");
        assertThatThrownBy(() -> Anchor.parse(good.substring(0, good.length() - 1)))
                .hasMessageContaining("each ending with a line feed");
        assertThatThrownBy(() -> Anchor.parse("{\"signature\":\"x\"}")).hasMessage("the anchor has no 'signed' text");
        assertThatThrownBy(() -> Anchor.parse("{")).hasMessageStartingWith("the anchor is not JSON");
        assertThatThrownBy(() -> Anchor.parse(" ")).hasMessage("the anchor is empty");
    }
}
