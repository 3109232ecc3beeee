-- Flow read model (processing group "flow"): conversion between stages, the waterfall of a window's pipeline, and
-- coverage of targets. Portable SQL for H2 2.x and PostgreSQL. Every deal row keeps last_seq, the sequence number of
-- the deal's last event applied; the other rows are keyed by the deal and the event that wrote them.

-- Each deal as it is now: what coverage sums, and what the other rows copy their pipeline from.
CREATE TABLE flow_deal (
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

CREATE INDEX ix_flow_deal_coverage ON flow_deal (pipeline, is_open, close_date);

-- Every stay of a deal in a stage: begun by its creation, an advance, a revert or a reopen (entered_seq), ended by
-- the next of those or by a win or a loss (left_seq, left_how: ADVANCED, REVERTED, WON, LOST); open while it lasts.
CREATE TABLE flow_visit (
    opportunity_id VARCHAR(64)              NOT NULL,
    entered_seq    BIGINT                   NOT NULL,
    pipeline       VARCHAR(40)              NOT NULL,
    stage          VARCHAR(40)              NOT NULL,
    entered_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    left_seq       BIGINT,
    left_how       VARCHAR(8),
    PRIMARY KEY (opportunity_id, entered_seq)
);

CREATE INDEX ix_flow_visit_entered ON flow_visit (pipeline, entered_at);

-- The deal's open/closed state, close date and amount after each event that changed one of them (kind: CREATED,
-- CLOSE_DATE, AMOUNT, WON, LOST, REOPENED), with the state before it (was_*, null for CREATED). The state holds from
-- occurred_at until valid_to, the next such event's occurred_at (null: still holds).
CREATE TABLE flow_state (
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

CREATE INDEX ix_flow_state_time ON flow_state (pipeline, occurred_at);

-- The current target of each owner or team (kind OWNER or TEAM) per pipeline and period, from TargetSet events;
-- last_seq is the sequence number of the event in its period's stream.
CREATE TABLE flow_target (
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
