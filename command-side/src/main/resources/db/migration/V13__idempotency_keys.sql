-- The first answer to every command accepted under an Idempotency-Key (IdempotencyRecords). Portable SQL: runs
-- unchanged on H2 2.x and PostgreSQL.
-- A key is its user's own, so the pair is the primary key: when two requests with the same key race, on one node or
-- on several sharing this database, this constraint decides which one appends; the loser's transaction, which holds
-- its events too, rolls back. The row is written in the command's own transaction, so there are never events without
-- their key's row, nor a row without its events.
-- fingerprint: SHA-256 (hex) of the request's method, path and body bytes; the answer is the deal and its version.
CREATE TABLE idempotency_record (
    principal       VARCHAR(255)             NOT NULL,
    idempotency_key VARCHAR(255)             NOT NULL,
    fingerprint     VARCHAR(64)              NOT NULL,
    opportunity_id  VARCHAR(255)             NOT NULL,
    deal_version    BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_idempotency_record PRIMARY KEY (principal, idempotency_key)
);

-- the purge removes records past their retention by a range of this index, not by reading the table
CREATE INDEX ix_idempotency_record_created ON idempotency_record (created_at);
