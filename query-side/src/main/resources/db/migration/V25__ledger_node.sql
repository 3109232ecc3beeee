-- The nodes running on this database (ADR 0018): each writes its row every second, so that every node knows how many
-- are alive and claims its fair share of each processor's segments. seen_at is the node's own clock, in milliseconds
-- since the epoch, as Axon's token store uses the node's clock for its claims. Portable SQL: H2 2.x and PostgreSQL.
CREATE TABLE ledger_node (
    node       VARCHAR(255) NOT NULL,
    started_at BIGINT       NOT NULL,
    seen_at    BIGINT       NOT NULL,
    CONSTRAINT pk_ledger_node PRIMARY KEY (node)
);
