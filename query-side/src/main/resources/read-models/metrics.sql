-- A version of the metrics table, as migration V17 leaves it (ADR 0019); ${v} is the suffix.
CREATE TABLE met_deal${v} (
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
CREATE INDEX ix_met_deal_closed${v} ON met_deal${v} (pipeline, closed_at);
CREATE INDEX ix_met_deal_created${v} ON met_deal${v} (pipeline, created_at);
