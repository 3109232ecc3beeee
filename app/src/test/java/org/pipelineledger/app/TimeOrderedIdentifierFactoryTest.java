package org.pipelineledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonFindsTheFactoryThroughTheServiceFile() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        assertThat(UUID.fromString(IdentifierFactory.getInstance().generateIdentifier()).version()).isEqualTo(7);
    }

    @Test
    void anIdIsAVersion7UuidThatCarriesItsMillisecond() {
        long millis = 1_796_016_390_057L;
        UUID id = TimeOrderedIdentifierFactory.next(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.toString()).hasSize(36);
    }

    @Test
    void idsSortAsTextInTheOrderOfTheirMilliseconds() {
        List<String> ids = new ArrayList<>();
        for (long millis = 1_000; millis < 1_000_000_000_000L; millis = millis * 3 + 7) {
            ids.add(TimeOrderedIdentifierFactory.next(millis).toString());
        }

        assertThat(ids).isSorted();
    }

    @Test
    void idsWithinOneMillisecondAreStillUnique() {
        HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(TimeOrderedIdentifierFactory.next(42L).toString());
        }

        assertThat(seen).hasSize(100_000);
    }
}
