-- A version of the slippage tables, as migration V5 leaves them (ADR 0019); ${v} is the suffix.
CREATE TABLE slip_opportunity${v} (
    opportunity_id      VARCHAR(64)  NOT NULL,
    pipeline            VARCHAR(40)  NOT NULL,
    name                VARCHAR      NOT NULL,
    owner               VARCHAR(255),
    original_close_date DATE,
    current_close_date  DATE,
    slip_count          INTEGER      NOT NULL,
    slip_days           BIGINT       NOT NULL,
    pull_in_count       INTEGER      NOT NULL,
    pull_in_days        BIGINT       NOT NULL,
    last_seq            BIGINT       NOT NULL,
    PRIMARY KEY (opportunity_id)
);
CREATE INDEX ix_slip_opportunity_rank${v} ON slip_opportunity${v} (slip_days, slip_count);
CREATE TABLE slip_change${v} (
    opportunity_id VARCHAR(64)              NOT NULL,
    seq            BIGINT                   NOT NULL,
    direction      VARCHAR(10)              NOT NULL,
    from_date      DATE,
    to_date        DATE                     NOT NULL,
    days           BIGINT                   NOT NULL,
    reason         VARCHAR,
    actor          VARCHAR(255),
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (opportunity_id, seq)
);
