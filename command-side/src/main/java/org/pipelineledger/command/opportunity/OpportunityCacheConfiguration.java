package org.pipelineledger.command.opportunity;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deals the command side keeps in memory between commands ({@code ledger.commands.aggregate-cache-size}, default
 * {@value #DEFAULT_SIZE}; 0 switches the cache off). Without it every command reads all of its deal's events back
 * from the store and deserialises them before it can decide; with it, a recently used deal is decided on at once,
 * and only the new event is written. See docs/adr/0006-command-side-cache.md.
 * <p>
 * One application instance per event store: a second instance writing the same deals would make a cached deal stale.
 * The store would still refuse the stale write (the deal's sequence number is taken), the command fail with 409
 * {@code STALE_VERSION} and the entry be dropped, so nothing wrong is ever stored, but every such command would fail
 * once; run more than one instance with the cache switched off.
 */
@Configuration(proxyBeanMethods = false)
class OpportunityCacheConfiguration {

    static final int DEFAULT_SIZE = 10_000;

    /** The bean name {@link Opportunity}'s {@code @Aggregate(cache = ...)} refers to. */
    static final String CACHE = "opportunityCache";

    @Bean(CACHE)
    Cache opportunityCache(@Value("${ledger.commands.aggregate-cache-size:" + DEFAULT_SIZE + "}") int size) {
        if (size < 0) {
            throw new IllegalArgumentException("ledger.commands.aggregate-cache-size must not be negative, was " + size);
        }
        return size == 0 ? NoCache.INSTANCE : new BoundedCache(size);
    }
}
