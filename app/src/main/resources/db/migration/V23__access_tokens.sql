-- Personal access tokens (app, org.pipelineledger.app.security, ADR 0020): security state, not deal history, so a
-- plain table rather than events. Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
-- secret_hash: the SHA-256 of the whole token (pl_...), hex; the token itself is shown once and never stored.
-- revoked_at / revoked_by: set once by DELETE /api/tokens/{id}; the row stays so the owner's list shows it.
-- last_used_at: written at most once a minute per token, not on every request.
CREATE TABLE access_token (
    id           VARCHAR(36)              NOT NULL,
    user_name    VARCHAR(64)              NOT NULL,
    name         VARCHAR(100)             NOT NULL,
    secret_hash  CHAR(64)                 NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    revoked_by   VARCHAR(64),
    last_used_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_access_token PRIMARY KEY (id),
    CONSTRAINT uq_access_token_secret UNIQUE (secret_hash)
);

-- a user's list, newest first
CREATE INDEX ix_access_token_user ON access_token (user_name, created_at);
