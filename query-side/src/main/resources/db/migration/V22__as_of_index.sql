-- The as-of index (processing group "as-of", issue 21, docs/as-of.md, ADR 0016): one row per deal event with the
-- deal's board-relevant state after it, so that the board as of a business time T known at a record time K is one
-- scan. Portable SQL for H2 2.x and PostgreSQL.
--
-- occurred_to and recorded_to are the greatest occurredAt and recordedAt of the deal's events up to and including this
-- one (equal to this event's own while the stream's times never decrease, as ADR 0003 makes them for occurredAt);
-- next_occurred_to and next_recorded_to are those of the next event, 9999-12-31T23:59:59Z while there is none. The
-- row in force at (T, K) is the one with occurred_to <= T, recorded_to <= K and next_occurred_to > T or
-- next_recorded_to > K: exactly one per deal that had an event in the prefix, none for the others.
CREATE TABLE as_of_event (
    opportunity_id   VARCHAR(64)              NOT NULL,
    seq              BIGINT                   NOT NULL,
    pipeline         VARCHAR(40)              NOT NULL,
    owner            VARCHAR(255),
    stage            VARCHAR(40)              NOT NULL,
    status           VARCHAR(8)               NOT NULL,
    amount           NUMERIC(38, 10),
    occurred_to      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    recorded_to      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    next_occurred_to TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    next_recorded_to TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (opportunity_id, seq)
);

-- the board as of T scans the rows of one pipeline still in force after T: few for a recent T
CREATE INDEX ix_as_of_event_board ON as_of_event (pipeline, next_occurred_to);

-- A store that already has events: the shared processor starts over from the first event, so that the index holds
-- every event and not only those after the upgrade; the other read models skip what they already hold (ADR 0004,
-- 0007). With ledger.processing.shared-processor=false the as-of group has no token of its own yet and starts at the
-- first event anyway. On a fresh store there is no token: nothing to delete.
DELETE FROM tokenentry WHERE processorname = 'projections';
