-- A version of the flow tables, as migration V18 leaves them (ADR 0019); ${v} is the suffix.
CREATE TABLE flow_deal${v} (
    opportunity_id VARCHAR(64)    NOT NULL,
    pipeline       VARCHAR(40)    NOT NULL,
    owner          VARCHAR(255),
    team           VARCHAR(255),
    stage          VARCHAR(40)    NOT NULL,
    is_open        BOOLEAN        NOT NULL,
    amount         NUMERIC(38, 10) NOT NULL,
    close_date     DATE           NOT NULL,
    last_seq       BIGINT         NOT NULL,
    PRIMARY KEY (opportunity_id)
);
CREATE INDEX ix_flow_deal_coverage${v} ON flow_deal${v} (pipeline, is_open, close_date);
CREATE TABLE flow_visit${v} (
    opportunity_id VARCHAR(64)              NOT NULL,
    entered_seq    BIGINT                   NOT NULL,
    pipeline       VARCHAR(40)              NOT NULL,
    stage          VARCHAR(40)              NOT NULL,
    entered_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    left_seq       BIGINT,
    left_how       VARCHAR(8),
    PRIMARY KEY (opportunity_id, entered_seq)
);
CREATE INDEX ix_flow_visit_entered${v} ON flow_visit${v} (pipeline, entered_at);
CREATE TABLE flow_state${v} (
    opportunity_id VARCHAR(64)              NOT NULL,
    seq            BIGINT                   NOT NULL,
    pipeline       VARCHAR(40)              NOT NULL,
    kind           VARCHAR(10)              NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_to       TIMESTAMP WITH TIME ZONE,
    was_open       BOOLEAN,
    was_close_date DATE,
    amount_before  NUMERIC(38, 10),
    is_open        BOOLEAN                  NOT NULL,
    close_date     DATE                     NOT NULL,
    amount         NUMERIC(38, 10)          NOT NULL,
    PRIMARY KEY (opportunity_id, seq)
);
CREATE INDEX ix_flow_state_time${v} ON flow_state${v} (pipeline, occurred_at);
CREATE TABLE flow_target${v} (
    pipeline VARCHAR(40)              NOT NULL,
    period   VARCHAR(7)               NOT NULL,
    kind     VARCHAR(5)               NOT NULL,
    name     VARCHAR(255)             NOT NULL,
    amount   NUMERIC(38, 10)          NOT NULL,
    set_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    set_by   VARCHAR(255),
    last_seq BIGINT                   NOT NULL,
    PRIMARY KEY (pipeline, period, kind, name)
);
