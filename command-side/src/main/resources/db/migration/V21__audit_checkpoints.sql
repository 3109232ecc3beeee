-- Checkpoints over every deal's chain (issue 21, ADR 0016, docs/audit-anchors.md). Portable SQL: H2 2.x and
-- PostgreSQL. Checkpoint k covers the hash rows up to global index "position": its root is the Merkle root over every
-- deal's latest chained (deal, sequence, hash) as of then, and its hash covers its fields and the previous
-- checkpoint's hash, so the checkpoints form a chain of their own. The number is the primary key: of two nodes writing
-- checkpoint k at once, one loses.
-- settled: the position was taken from a maximum seen at least ledger.audit.checkpoint.settle earlier (the scheduled
-- job); FALSE for one written on request at the current maximum. Not hashed: it only tells the writer where to look
-- again for a transaction that committed late.
CREATE TABLE audit_checkpoint (
    number     BIGINT                   NOT NULL,
    position   BIGINT                   NOT NULL,
    written_at TIMESTAMP WITH TIME ZONE NOT NULL,
    events     BIGINT                   NOT NULL,
    deals      BIGINT                   NOT NULL,
    root       BYTEA                    NOT NULL,
    previous   BYTEA                    NOT NULL,
    hash       BYTEA                    NOT NULL,
    settled    BOOLEAN                  NOT NULL,
    CONSTRAINT pk_audit_checkpoint PRIMARY KEY (number)
);

-- The deals whose latest chained event changed since the previous checkpoint, one row each: a deal's head as of
-- checkpoint k is its leaf of the highest checkpoint up to k. globalindex is the event's, for verifications limited
-- to a range; it is not part of the leaf's hash.
CREATE TABLE audit_checkpoint_leaf (
    checkpoint          BIGINT       NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    globalindex         BIGINT       NOT NULL,
    hash                BYTEA        NOT NULL,
    CONSTRAINT pk_audit_checkpoint_leaf PRIMARY KEY (checkpoint, aggregateidentifier)
);
