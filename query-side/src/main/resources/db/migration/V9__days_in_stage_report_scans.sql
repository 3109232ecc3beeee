-- The days-in-stage report reads every stay of a pipeline. Through this index each of those rows was a random lookup
-- in the table (H2 keeps a table keyed by its own row id, and the index only points there), which at 300,000 stays
-- was most of the report's time; a scan of the table reads the same rows in storage order (docs/benchmarks.md,
-- "Days-in-stage report"). Nothing else searches stays by (pipeline, stage), and every stay's insert and end paid
-- for keeping the index up to date.
DROP INDEX ix_dis_stay_stage;
