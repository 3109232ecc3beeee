-- CRM imports (command side, org.pipelineledger.command.imports): one row per import job, with its progress, and one
-- per problem of a row of its pipeline file. Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
-- status: RUNNING, DONE or FAILED; a job still RUNNING when the application starts was interrupted and is marked
-- FAILED then. The counters are written as the job goes, so a running job shows its progress.
CREATE TABLE import_job (
    id              VARCHAR(64)              NOT NULL,
    pipeline        VARCHAR(40)              NOT NULL,
    actor           VARCHAR(64)              NOT NULL,
    files           VARCHAR(2000)            NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    total_rows      INTEGER                  NOT NULL,
    rows_done       INTEGER                  NOT NULL,
    imported        INTEGER                  NOT NULL,
    already_present INTEGER                  NOT NULL,
    rows_warned     INTEGER                  NOT NULL,
    rejected        INTEGER                  NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    error           VARCHAR(4000),
    CONSTRAINT pk_import_job PRIMARY KEY (id)
);

-- the list of jobs, newest first
CREATE INDEX ix_import_job_started ON import_job (started_at);

-- line_number: the pipeline file's line on which the row starts (the header is line 1); seq orders a job's problems
-- as they were recorded. Values are cut to the column's width.
CREATE TABLE import_problem (
    import_id      VARCHAR(64)   NOT NULL,
    seq            INTEGER       NOT NULL,
    line_number    BIGINT        NOT NULL,
    opportunity_id VARCHAR(255),
    column_name    VARCHAR(64),
    cell_value     VARCHAR(1000),
    rule_key       VARCHAR(40)   NOT NULL,
    action_taken   VARCHAR(32)   NOT NULL,
    problem        VARCHAR(4000) NOT NULL,
    done           VARCHAR(4000) NOT NULL,
    CONSTRAINT pk_import_problem PRIMARY KEY (import_id, seq)
);
