-- Backward-moves read model (processing group "reversions"). Portable SQL for H2 2.x and PostgreSQL.
-- The deal's name and current owner are kept here so each reversion records who owned the deal at the time,
-- without reading another projection's tables.
CREATE TABLE rev_opportunity (
    opportunity_id VARCHAR(64)  NOT NULL,
    pipeline       VARCHAR(40)  NOT NULL,
    name           VARCHAR      NOT NULL,
    owner          VARCHAR(255),
    last_seq       BIGINT       NOT NULL,
    PRIMARY KEY (opportunity_id)
);

-- Every StageReverted, keyed by the event's sequence number.
CREATE TABLE rev_reversion (
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

CREATE INDEX ix_rev_reversion_time ON rev_reversion (occurred_at);
CREATE INDEX ix_rev_reversion_owner ON rev_reversion (owner, occurred_at);
