package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pipelineledger.problem.LedgerException;
import org.springframework.web.ErrorResponseException;

/** What the anchor endpoints refuse, without a web server: no key, no checkpoint, no public key for HMAC. */
class AnchorControllerTest {

    private final CheckpointTestStore db = new CheckpointTestStore();

    @Test
    void withoutAKeyTheAnchorIsRefusedAsTheServersFaultNotTheClients() {
        AnchorController controller = new AnchorController(db.store, new AnchorKey(Optional.empty()));
        db.append("deal", 1);
        db.checkpoint();

        assertThatThrownBy(controller::latest).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(503);
            assertThat(e.getBody().getDetail()).contains("ledger.audit.anchor.ed25519-private-key");
        });
        assertThatThrownBy(controller::publicKey).isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void beforeTheFirstCheckpointThereIsNoAnchorAndHmacHasNoPublicKey() {
        AnchorController controller = new AnchorController(db.store,
                new AnchorKey(Optional.of(AnchorSigner.hmac(AnchorSigner.DEMO_HMAC_KEY))));

        assertThatThrownBy(controller::latest).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.code()).isEqualTo("NO_CHECKPOINT"));
        assertThatThrownBy(controller::publicKey).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
    }
}
