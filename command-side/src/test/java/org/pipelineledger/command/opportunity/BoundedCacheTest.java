package org.pipelineledger.command.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void keepsAtMostItsCapacityAndDropsTheLeastRecentlyUsedFirst() {
        BoundedCache cache = new BoundedCache(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1); // "b" is now the least recently used

        cache.put("c", 3);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.containsKey("b")).isFalse();
        assertThat((Integer) cache.get("a")).isEqualTo(1);
        assertThat((Integer) cache.get("c")).isEqualTo(3);
    }

    @Test
    void removesPutsAndComputesLikeAMap() {
        BoundedCache cache = new BoundedCache(10);
        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat((Integer) cache.computeIfAbsent("a", () -> 3)).isEqualTo(1);
        assertThat((Integer) cache.computeIfAbsent("b", () -> 4)).isEqualTo(4);
        cache.<Integer>computeIfPresent("b", value -> value + 1);
        cache.<Integer>computeIfPresent("missing", value -> value + 1);
        assertThat((Integer) cache.get("b")).isEqualTo(5);
        assertThat(cache.containsKey("missing")).isFalse();

        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.put("b", null);
        assertThat(cache.size()).isZero();
    }

    @Test
    void tellsItsListenersWhatHappened() {
        BoundedCache cache = new BoundedCache(1);
        List<String> heard = new ArrayList<>();
        Registration registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });
        cache.put("a", 1);
        cache.put("a", 2);
        cache.put("b", 3);
        cache.removeAll();
        registration.cancel();
        cache.put("c", 4);

        assertThat(heard).containsExactly("created a", "updated a", "expired a", "created b", "removed b");
    }

    @Test
    void aSizeOfZeroSwitchesTheCacheOffAndANegativeOneIsRefused() {
        OpportunityCacheConfiguration configuration = new OpportunityCacheConfiguration();
        assertThat(configuration.opportunityCache(0, true, null)).isSameAs(NoCache.INSTANCE);
        assertThat(configuration.opportunityCache(5, false, null)).isInstanceOfSatisfying(BoundedCache.class,
                cache -> assertThat(cache.capacity()).isEqualTo(5));
        assertThatThrownBy(() -> configuration.opportunityCache(-1, true, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger.commands.aggregate-cache-size");
        assertThatThrownBy(() -> new BoundedCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
