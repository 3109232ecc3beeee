package org.pipelineledger.app;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's identifier factory for this application (registered in {@code META-INF/services}): every message id, and
 * so every stored event's {@code eventidentifier}, is a version 7 UUID (RFC 9562), whose first 48 bits are the Unix
 * time in milliseconds. The event table's unique index on that column then grows at its end, as the global index
 * does, instead of taking each new id at a random place: an insert touches the pages it touched a moment ago, which
 * are in H2's cache, and H2 rewrites a few index pages per store instead of most of them (ADR 0010).
 * <p>
 * The other 74 bits are random from {@link ThreadLocalRandom}: ids must be unique, not unguessable (nothing in the
 * ledger authorises by a message id), and this avoids the lock behind {@link UUID#randomUUID()}'s shared
 * {@code SecureRandom}. Ids keep the usual 36-character form, so nothing that reads them changes.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return next(System.currentTimeMillis()).toString();
    }

    /** A version 7 UUID for the given Unix time in milliseconds. */
    static UUID next(long unixMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16
                | 0x7000L                                   // version 7
                | (random.nextInt() & 0x0FFFL);             // rand_a, 12 bits
        long leastSignificant = Long.MIN_VALUE              // variant 0b10
                | (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL); // rand_b, 62 bits
        return new UUID(mostSignificant, leastSignificant);
    }
}
