-- A version of the as-of index, as migration V22 leaves it (ADR 0019); ${v} is the suffix.
CREATE TABLE as_of_event${v} (
    opportunity_id   VARCHAR(64)              NOT NULL,
    seq              BIGINT                   NOT NULL,
    pipeline         VARCHAR(40)              NOT NULL,
    owner            VARCHAR(255),
    stage            VARCHAR(40)              NOT NULL,
    status           VARCHAR(8)               NOT NULL,
    amount           NUMERIC(38, 10),
    occurred_to      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    recorded_to      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    next_occurred_to TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    next_recorded_to TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (opportunity_id, seq)
);
CREATE INDEX ix_as_of_event_board${v} ON as_of_event${v} (pipeline, next_occurred_to);
