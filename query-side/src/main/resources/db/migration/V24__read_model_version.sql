-- Which version of each read model the queries read and the live processor writes, and the rebuild of a new one
-- beside it (issue 22, ADR 0019, docs/operations/rebuild.md). Version 1 is the tables the migrations made
-- (board_opportunity, ...); version n > 1 is the same tables with the suffix _vn, made from read-models/<name>.sql.
-- state: null (never rebuilt), BUILDING, SWITCHED or FAILED, for the latest rebuild (of next_version).
-- skip_index/skip_gaps: the rebuild's token at the switch; the live processor does not apply the events it covers to
-- the new version again (they are in it already).
CREATE TABLE read_model_version (
    read_model     VARCHAR(40)  NOT NULL,
    version        INTEGER      NOT NULL,
    next_version   INTEGER,
    state          VARCHAR(10),
    started_at     TIMESTAMP WITH TIME ZONE,
    switched_at    TIMESTAMP WITH TIME ZONE,
    events_done    BIGINT,
    events_total   BIGINT,
    events_per_sec DOUBLE PRECISION,
    progress_at    TIMESTAMP WITH TIME ZONE,
    skip_index     BIGINT,
    skip_gaps      VARCHAR(100000),
    old_dropped    BOOLEAN      NOT NULL,
    failure        VARCHAR(1000),
    PRIMARY KEY (read_model)
);

INSERT INTO read_model_version (read_model, version, old_dropped) VALUES ('board', 1, TRUE);
INSERT INTO read_model_version (read_model, version, old_dropped) VALUES ('days-in-stage', 1, TRUE);
INSERT INTO read_model_version (read_model, version, old_dropped) VALUES ('slippage', 1, TRUE);
INSERT INTO read_model_version (read_model, version, old_dropped) VALUES ('reversions', 1, TRUE);
INSERT INTO read_model_version (read_model, version, old_dropped) VALUES ('metrics', 1, TRUE);
INSERT INTO read_model_version (read_model, version, old_dropped) VALUES ('flow', 1, TRUE);
INSERT INTO read_model_version (read_model, version, old_dropped) VALUES ('as-of', 1, TRUE);
