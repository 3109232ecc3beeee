package org.pipelineledger.command.audit;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Checkpoints over every deal's chain, their scheduled job, their check in a verification, and anchors (ADR 0016). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CheckpointSettings.class, AnchorSettings.class})
class CheckpointConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CheckpointConfiguration.class);

    @Bean
    CheckpointStore checkpointStore(JdbcTemplate jdbc) {
        return new CheckpointStore(jdbc);
    }

    @Bean
    CheckpointWriter checkpointWriter(CheckpointStore store, PlatformTransactionManager transactionManager,
                                      Clock clock) {
        return new CheckpointWriter(store, new TransactionTemplate(transactionManager), clock);
    }

    @Bean
    CheckpointJob checkpointJob(CheckpointStore store, CheckpointWriter writer, CheckpointSettings settings,
                                Clock clock) {
        return new CheckpointJob(store, writer, settings, clock);
    }

    @Bean
    CheckpointCheck checkpointCheck(CheckpointStore store, AnchorKey key) {
        return new CheckpointCheck(store, key.signer().orElse(null));
    }

    @Bean
    AnchorKey anchorKey(AnchorSettings settings, Environment environment) {
        return new AnchorKey(signer(settings, environment.acceptsProfiles(Profiles.of("embedded"))));
    }

    static Optional<AnchorSigner> signer(AnchorSettings settings, boolean demo) {
        boolean hmac = settings.hmacKey() != null && !settings.hmacKey().isBlank();
        boolean ed25519 = settings.ed25519PrivateKey() != null && !settings.ed25519PrivateKey().isBlank();
        if (hmac && ed25519) {
            throw new IllegalStateException("configure one anchor key, not both: ledger.audit.anchor.hmac-key or"
                    + " ledger.audit.anchor.ed25519-private-key");
        }
        AnchorSigner signer = ed25519 ? AnchorSigner.ed25519(settings.ed25519PrivateKey())
                : hmac ? AnchorSigner.hmac(settings.hmacKey())
                : demo ? AnchorSigner.hmac(AnchorSigner.DEMO_HMAC_KEY)
                : null;
        if (signer == null) {
            log.warn("No anchor key is configured: GET /api/audit/anchor is refused (503) until"
                    + " ledger.audit.anchor.ed25519-private-key or ledger.audit.anchor.hmac-key is set"
                    + " (docs/audit-anchors.md). Checkpoints are written all the same.");
        } else if (signer.isDemoKey()) {
            log.warn("Anchors are signed with the published demo key {} (profile 'embedded'): they prove nothing."
                    + " Configure ledger.audit.anchor.ed25519-private-key (docs/audit-anchors.md).", signer.keyId());
        } else {
            log.info("Anchors are signed with {} key {}", signer.algorithm(), signer.keyId());
        }
        return Optional.ofNullable(signer);
    }
}
