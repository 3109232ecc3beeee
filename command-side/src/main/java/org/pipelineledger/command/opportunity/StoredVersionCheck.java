package org.pipelineledger.command.opportunity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * The aggregate cache, checked against the store before every use (ADR 0006, ADR 0018): a cached deal is handed to
 * Axon only while its version is still the highest sequence number stored for it. Another node that wrote the deal
 * meanwhile has stored a higher one; the entry is then dropped, and Axon reads the deal from its events as it does
 * without a cache. One indexed {@code MAX(sequencenumber)} per command instead of a deal's whole history.
 * <p>
 * Axon looks a deal up in the cache only when a command loads it ({@code CachingEventSourcingRepository}), inside the
 * command's unit of work and transaction; every other call passes straight through.
 */
final class StoredVersionCheck implements Cache {

    /**
     * {@link AggregateCacheEntry} keeps the version it was cached at, with no accessor: read it as Axon wrote it. The
     * lookup fails at start-up, not on a command, if an Axon upgrade renames the field.
     */
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("Axon's AggregateCacheEntry has no version field any more: "
                    + "the aggregate cache cannot be checked against the store (ADR 0018); " + e);
        }
    }

    /** The highest sequence number stored for a deal, -1 for none. */
    interface StoredVersions extends ToLongFunction<String> {
    }

    private final Cache cache;
    private final StoredVersions stored;

    StoredVersionCheck(Cache cache, StoredVersions stored) {
        this.cache = cache;
        this.stored = stored;
    }

    /** The version a cache entry was taken at; null for an entry of a deal with no events yet, or another value. */
    static Long versionOf(Object entry) {
        return entry instanceof AggregateCacheEntry<?> aggregate ? (Long) VERSION.get(aggregate) : null;
    }

    @Override
    public <K, V> V get(K key) {
        V entry = cache.get(key);
        if (entry == null) {
            return null;
        }
        Long cached = versionOf(entry);
        long current = stored.applyAsLong(key.toString());
        if (cached == null || cached != current) {
            // written elsewhere since (or a value this cannot check): read the deal from the store instead
            cache.remove(key);
            return null;
        }
        return entry;
    }

    @Override
    public void put(Object key, Object value) {
        cache.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return cache.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return cache.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        cache.computeIfPresent(key, update);
    }

    @Override
    public boolean remove(Object key) {
        return cache.remove(key);
    }

    @Override
    public void removeAll() {
        cache.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return cache.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return cache.registerCacheEntryListener(listener);
    }
}
