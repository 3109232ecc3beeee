-- A version of the board's tables, as migrations V3, V7, V14 and V15 leave them (ADR 0019); ${v} is the suffix.
CREATE TABLE board_opportunity${v} (
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
CREATE INDEX ix_board_opportunity_cards${v} ON board_opportunity${v} (pipeline, status, stage, stage_entered_at, opportunity_id);
CREATE INDEX ix_board_opportunity_owner_cards${v}
    ON board_opportunity${v} (pipeline, status, owner, stage, stage_entered_at, opportunity_id);
CREATE TABLE board_stage_total${v} (
    pipeline     VARCHAR(40)     NOT NULL,
    stage        VARCHAR(40)     NOT NULL,
    open_count   BIGINT          NOT NULL,
    open_amount  NUMERIC(38, 10) NOT NULL,
    stay_count   BIGINT          NOT NULL,
    stay_seconds BIGINT          NOT NULL,
    PRIMARY KEY (pipeline, stage)
);
