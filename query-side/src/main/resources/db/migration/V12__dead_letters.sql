-- Axon's JDBC sequenced dead-letter queue (JdbcSequencedDeadLetterQueue, default DeadLetterSchema), one queue per
-- read model (processing group), sequenced per deal: an event a read model cannot handle is parked here with every
-- later event of the same deal, while the other deals and the other read models go on (docs/adr/0012-dead-letters.md).
-- The columns are Axon's GenericDeadLetterTableFactory's, with BYTEA for its BLOBs as in V1 (portable to H2 2.x and
-- PostgreSQL) and its timestamps as text, as Axon writes them.
CREATE TABLE deadletterentry (
    deadletteridentifier VARCHAR(255)  NOT NULL,
    processinggroup      VARCHAR(255)  NOT NULL,
    sequenceidentifier   VARCHAR(255)  NOT NULL,
    sequenceindex        BIGINT        NOT NULL,
    messagetype          VARCHAR(255)  NOT NULL,
    eventidentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadtype          VARCHAR(255)  NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    token                BYTEA,
    enqueuedat           VARCHAR(255)  NOT NULL,
    lasttouched          VARCHAR(255),
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT pk_deadletterentry PRIMARY KEY (deadletteridentifier),
    CONSTRAINT uk_deadletterentry_sequence UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);

CREATE INDEX ix_deadletterentry_group ON deadletterentry (processinggroup);
CREATE INDEX ix_deadletterentry_sequence ON deadletterentry (processinggroup, sequenceidentifier);
