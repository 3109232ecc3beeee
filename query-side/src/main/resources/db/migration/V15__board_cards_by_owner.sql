-- The board filtered to one owner (issue 19, "my deals"): that owner's counts per stage and its cards in board order,
-- without reading the other owners' deals.
CREATE INDEX ix_board_opportunity_owner_cards
    ON board_opportunity (pipeline, status, owner, stage, stage_entered_at, opportunity_id);
