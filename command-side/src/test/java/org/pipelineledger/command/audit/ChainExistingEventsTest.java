package org.pipelineledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** V20: a store from before the chain is chained once, and says so; a fresh store gets nothing. */
class ChainExistingEventsTest {

    @Test
    void aStoreFromBeforeTheChainIsChainedOnceByTheMigrationAndVerifiesClean() {
        AuditStore store = AuditStore.before("19");
        store.unchainedDeal(3);
        store.unchainedDeal(1);
        store.unchainedDeal(5);
        assertThat(store.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event_hash", Long.class)).isZero();
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);

        store.migrateToLatest();

        assertThat(store.jdbc.queryForList("SELECT DISTINCT chained_by FROM audit_event_hash", String.class))
                .containsExactly("MIGRATION");
        assertThat(store.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event_hash", Long.class)).isEqualTo(9);
        Map<String, Object> record = store.jdbc.queryForMap("SELECT migration, events, deals FROM audit_chain_migration");
        assertThat(record).containsEntry("MIGRATION", "V20__Chain_existing_events").containsEntry("EVENTS", 9L)
                .containsEntry("DEALS", 3L);
        OffsetDateTime chainedAt = store.jdbc.queryForObject("SELECT chained_at FROM audit_chain_migration",
                OffsetDateTime.class);
        assertThat(chainedAt).isAfter(before).isBefore(OffsetDateTime.now().plusSeconds(1));
        VerificationResult result = store.verify();
        assertThat(result.problems()).isEmpty();
        assertThat(result.eventsChecked()).isEqualTo(9);
    }

    @Test
    void theMigratedChainIsTheOneTheEngineWouldHaveWritten() {
        AuditStore migrated = AuditStore.before("19");
        String deal = migrated.unchainedDeal(4);
        migrated.migrateToLatest();

        byte[] previous = EventChain.GENESIS;
        for (StoredEvent event : migrated.events(deal)) {
            previous = EventChain.hash(previous, event);
            assertThat(migrated.jdbc.queryForObject("SELECT hash FROM audit_event_hash WHERE aggregateidentifier = ?"
                    + " AND sequencenumber = ?", byte[].class, deal, event.sequenceNumber())).isEqualTo(previous);
        }
    }

    @Test
    void aFreshStoreIsLeftAsItIs() {
        AuditStore store = AuditStore.migrated();

        assertThat(store.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event_hash", Long.class)).isZero();
        assertThat(store.jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain_migration", Long.class)).isZero();
    }

    @Test
    void aMigratedStoreStillFindsTampering() {
        AuditStore store = AuditStore.before("19");
        String deal = store.unchainedDeal(4);
        store.migrateToLatest();
        store.flipByte("payload", deal, 2, 12);

        assertThat(store.verify().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.sequence()).isEqualTo(2);
            assertThat(problem.kind()).isEqualTo(AuditProblem.Kind.EDITED);
        });
    }
}
