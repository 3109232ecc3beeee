-- The hash chain over the event store (issue 21, ADR 0016): one row per stored event, written in the transaction
-- that appends the event. hash = SHA-256 over the deal's previous event's hash and the event's stored columns
-- (EventChain). globalindex is copied for the checkpoints' ranges and is not part of the hash.
-- chained_by: APPEND (written with the event) or MIGRATION (an event stored before the chain existed, chained once
-- by V20; audit_chain_migration says when).
CREATE TABLE audit_event_hash (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    globalindex         BIGINT       NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    hash                BYTEA        NOT NULL,
    chained_by          VARCHAR(16)  NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber)
);

CREATE INDEX ix_audit_event_hash_global ON audit_event_hash (globalindex);

-- When events stored before the chain existed were chained, and how many.
CREATE TABLE audit_chain_migration (
    migration  VARCHAR(64)              NOT NULL,
    chained_at TIMESTAMP WITH TIME ZONE NOT NULL,
    events     BIGINT                   NOT NULL,
    deals      BIGINT                   NOT NULL,
    PRIMARY KEY (migration)
);
