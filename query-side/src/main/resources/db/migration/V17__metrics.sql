-- Metrics read model (processing group "metrics"). Portable SQL for H2 2.x and PostgreSQL.
-- One row per deal with what GET /api/metrics aggregates; docs/metrics.md defines the figures.
-- created_epoch and cycle_seconds are seconds, so that a cycle is plain arithmetic on both databases.
CREATE TABLE met_deal (
    opportunity_id VARCHAR(64)              NOT NULL,
    pipeline       VARCHAR(40)              NOT NULL,
    owner          VARCHAR(255),
    team           VARCHAR,
    region         VARCHAR,
    product        VARCHAR,
    account        VARCHAR,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_epoch  BIGINT                   NOT NULL,
    status         VARCHAR(8)               NOT NULL,
    amount         NUMERIC(38, 10),
    close_date     DATE,
    closed_at      TIMESTAMP WITH TIME ZONE,
    close_amount   NUMERIC(38, 10),
    cycle_seconds  BIGINT,
    slip_count     INTEGER                  NOT NULL,
    slip_days      BIGINT                   NOT NULL,
    last_seq       BIGINT                   NOT NULL,
    PRIMARY KEY (opportunity_id)
);

-- closes in a period, and deals created by a period's end
CREATE INDEX ix_met_deal_closed ON met_deal (pipeline, closed_at);
CREATE INDEX ix_met_deal_created ON met_deal (pipeline, created_at);
