-- Board (issue 18). board_completed_stay goes: written at every stay's end, read by nothing since V7 (the stage
-- averages come from board_stage_total).
DROP TABLE board_completed_stay;

-- board_stage_total keeps one row per stage instead of 64 buckets by the deal id's hash: the buckets only kept
-- several segments of one processor off each other's rows, and the ledger runs one (ADR 0007). Sums carry over.
CREATE TABLE board_stage_total_v14 (
    pipeline     VARCHAR(40)     NOT NULL,
    stage        VARCHAR(40)     NOT NULL,
    open_count   BIGINT          NOT NULL,
    open_amount  NUMERIC(38, 10) NOT NULL,
    stay_count   BIGINT          NOT NULL,
    stay_seconds BIGINT          NOT NULL,
    PRIMARY KEY (pipeline, stage)
);
INSERT INTO board_stage_total_v14 (pipeline, stage, open_count, open_amount, stay_count, stay_seconds)
SELECT pipeline, stage, SUM(open_count), SUM(open_amount), SUM(stay_count), SUM(stay_seconds)
FROM board_stage_total
GROUP BY pipeline, stage;
DROP TABLE board_stage_total;
ALTER TABLE board_stage_total_v14 RENAME TO board_stage_total;
