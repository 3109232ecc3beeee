-- Board read model (processing group "board"). Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
-- Every deal ever created has one row, open or closed, so the deal summary is served from here too.
-- last_seq is the sequence number of the deal's last event applied: events at or below it are skipped,
-- which makes the projection idempotent under redelivery.
CREATE TABLE board_opportunity (
    opportunity_id   VARCHAR(64)              NOT NULL,
    pipeline         VARCHAR(40)              NOT NULL,
    stage            VARCHAR(40)              NOT NULL,
    status           VARCHAR(8)               NOT NULL,
    name             VARCHAR                  NOT NULL,
    account          VARCHAR,
    owner            VARCHAR(255),
    amount           NUMERIC(38, 10),
    currency         VARCHAR(3),
    close_date       DATE,
    outlook          VARCHAR(16),
    next_step        VARCHAR,
    next_step_due    DATE,
    stage_entered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at        TIMESTAMP WITH TIME ZONE,
    last_seq         BIGINT                   NOT NULL,
    PRIMARY KEY (opportunity_id)
);

CREATE INDEX ix_board_opportunity_column ON board_opportunity (pipeline, status, stage);

-- One row per finished stay (ended by a stage move, a win or a loss), keyed by the event that ended it, so a
-- redelivered event cannot count a stay twice. The board's "stale" rule averages these per stage.
CREATE TABLE board_completed_stay (
    opportunity_id   VARCHAR(64) NOT NULL,
    ended_seq        BIGINT      NOT NULL,
    pipeline         VARCHAR(40) NOT NULL,
    stage            VARCHAR(40) NOT NULL,
    duration_seconds BIGINT      NOT NULL,
    PRIMARY KEY (opportunity_id, ended_seq)
);

CREATE INDEX ix_board_completed_stay_stage ON board_completed_stay (pipeline, stage);
