-- board_completed_stay is written by the board projection, one row per completed stay, and read by nothing at run
-- time since V7: the board's stage averages come from board_stage_total. Its index on (pipeline, stage) served the
-- per-request averages of the board before V7 and only cost every completed stay's insert since (docs/benchmarks.md,
-- tuning log). The table stays: V8 filled the totals from it, and it is each stay's record, keyed by the event that
-- ended it.
DROP INDEX ix_board_completed_stay_stage;
