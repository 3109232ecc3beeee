package org.pipelineledger.command.opportunity;

import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deals the command side keeps in memory between commands ({@code ledger.commands.aggregate-cache-size}, default
 * {@value #DEFAULT_SIZE}; 0 switches the cache off). Without it every command reads all of its deal's events back
 * from the store and deserialises them before it can decide; with it, a recently used deal is decided on at once,
 * and only the new event is written. See docs/adr/0006-command-side-cache.md.
 * <p>
 * Several nodes may write the same deals (ADR 0018): before a cached deal is used its version is checked against the
 * highest sequence number stored for it ({@code ledger.commands.aggregate-cache-check}, default true), and a deal
 * written elsewhere is read again from its events. Switched off, a deal another node wrote is refused once as
 * {@code STALE_VERSION} (409, nothing stored) before its entry is dropped: only for a single node.
 */
@Configuration(proxyBeanMethods = false)
class OpportunityCacheConfiguration {

    static final int DEFAULT_SIZE = 10_000;

    /** The bean name {@link Opportunity}'s {@code @Aggregate(cache = ...)} refers to. */
    static final String CACHE = "opportunityCache";

    /** The highest sequence number stored for a deal: one lookup in the store's (aggregate, sequence) key. */
    static final String STORED_VERSION = "SELECT MAX(sequencenumber) FROM domainevententry"
            + " WHERE aggregateidentifier = ?";

    @Bean(CACHE)
    Cache opportunityCache(@Value("${ledger.commands.aggregate-cache-size:" + DEFAULT_SIZE + "}") int size,
                           @Value("${ledger.commands.aggregate-cache-check:true}") boolean check,
                           DataSource dataSource) {
        if (size < 0) {
            throw new IllegalArgumentException("ledger.commands.aggregate-cache-size must not be negative, was " + size);
        }
        if (size == 0) {
            return NoCache.INSTANCE;
        }
        BoundedCache cache = new BoundedCache(size);
        if (!check) {
            return cache;
        }
        // the command's own transaction and connection: Axon loads the deal inside its unit of work
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new StoredVersionCheck(cache, dealId -> {
            Long stored = jdbc.queryForObject(STORED_VERSION, Long.class, dealId);
            return stored == null ? -1 : stored;
        });
    }
}
