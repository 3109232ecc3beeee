-- Days-in-stage read model (processing group "days-in-stage"). Portable SQL for H2 2.x and PostgreSQL.
-- last_seq: sequence number of the last stage-relevant event applied to the deal; older or equal ones are skipped.
CREATE TABLE dis_opportunity (
    opportunity_id VARCHAR(64) NOT NULL,
    pipeline       VARCHAR(40) NOT NULL,
    status         VARCHAR(8)  NOT NULL,
    last_seq       BIGINT      NOT NULL,
    PRIMARY KEY (opportunity_id)
);

-- One row per visit of a stage, keyed by the event that started it. exited_at is null while the deal is still
-- there; duration_seconds is computed in Java when the stay ends (a move, a win or a loss).
CREATE TABLE dis_stay (
    opportunity_id   VARCHAR(64)              NOT NULL,
    entered_seq      BIGINT                   NOT NULL,
    pipeline         VARCHAR(40)              NOT NULL,
    stage            VARCHAR(40)              NOT NULL,
    entered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    exited_seq       BIGINT,
    exited_at        TIMESTAMP WITH TIME ZONE,
    duration_seconds BIGINT,
    PRIMARY KEY (opportunity_id, entered_seq)
);

CREATE INDEX ix_dis_stay_stage ON dis_stay (pipeline, stage);
