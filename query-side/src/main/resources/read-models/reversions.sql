-- A version of the reversions tables, as migration V6 leaves them (ADR 0019); ${v} is the suffix.
CREATE TABLE rev_opportunity${v} (
    opportunity_id VARCHAR(64)  NOT NULL,
    pipeline       VARCHAR(40)  NOT NULL,
    name           VARCHAR      NOT NULL,
    owner          VARCHAR(255),
    last_seq       BIGINT       NOT NULL,
    PRIMARY KEY (opportunity_id)
);
CREATE TABLE rev_reversion${v} (
    opportunity_id   VARCHAR(64)              NOT NULL,
    seq              BIGINT                   NOT NULL,
    pipeline         VARCHAR(40)              NOT NULL,
    opportunity_name VARCHAR                  NOT NULL,
    owner            VARCHAR(255),
    from_stage       VARCHAR(40)              NOT NULL,
    to_stage         VARCHAR(40)              NOT NULL,
    reason           VARCHAR(32)              NOT NULL,
    note             VARCHAR,
    actor            VARCHAR(255),
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (opportunity_id, seq)
);
CREATE INDEX ix_rev_reversion_time${v} ON rev_reversion${v} (occurred_at);
CREATE INDEX ix_rev_reversion_owner${v} ON rev_reversion${v} (owner, occurred_at);
