-- Board totals per stage (processing group "board"), kept by the projection as deals enter and leave stages, so the
-- board's counts, amounts and stage averages cost O(stages) instead of a scan of every open deal and every
-- completed stay (docs/benchmarks.md, "Board at 100,000 deals").
-- A stage's totals are spread over 64 buckets, bucket = (hash of the deal id) & 63, the same hash Axon uses to
-- assign a deal's events to a segment: with up to 64 segments no two segments ever write the same row, so they never
-- wait on each other's locks. Readers sum the buckets. V8 fills the table from the rows already there.
CREATE TABLE board_stage_total (
    pipeline     VARCHAR(40)     NOT NULL,
    stage        VARCHAR(40)     NOT NULL,
    bucket       INTEGER         NOT NULL,
    open_count   BIGINT          NOT NULL,
    open_amount  NUMERIC(38, 10) NOT NULL,
    stay_count   BIGINT          NOT NULL,
    stay_seconds BIGINT          NOT NULL,
    PRIMARY KEY (pipeline, stage, bucket)
);

-- The board shows the cards of a stage longest-in-stage first, a page at a time: this index serves that order
-- directly (keyset paging on stage_entered_at, opportunity_id) instead of sorting a whole stage.
DROP INDEX ix_board_opportunity_column;
CREATE INDEX ix_board_opportunity_cards ON board_opportunity (pipeline, status, stage, stage_entered_at, opportunity_id);
