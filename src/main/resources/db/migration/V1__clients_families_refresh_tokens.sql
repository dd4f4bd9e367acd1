-- Schema shared by H2 (embedded default) and PostgreSQL (shared state). Times are epoch
-- milliseconds so both databases compare them the same way.

-- Registered clients, loaded from config/ at start. Secrets only as password hashes.
CREATE TABLE oauth_client (
    client_id     VARCHAR(100)  PRIMARY KEY,
    secret_hash   VARCHAR(255),
    auth_methods  VARCHAR(255)  NOT NULL,
    grant_types   VARCHAR(255)  NOT NULL,
    scopes        VARCHAR(1000) NOT NULL,
    redirect_uris VARCHAR(2000) NOT NULL,
    updated_at    BIGINT        NOT NULL
);

-- One row per original grant. Revoking the family kills every token descended from it.
CREATE TABLE token_family (
    id             VARCHAR(32)   PRIMARY KEY,
    client_id      VARCHAR(100)  NOT NULL,
    subject        VARCHAR(255)  NOT NULL,
    granted_scope  VARCHAR(1000) NOT NULL,
    created_at     BIGINT        NOT NULL,
    expires_at     BIGINT,
    revoked_at     BIGINT,
    revoked_reason VARCHAR(40)
);

-- One row per issued refresh token, keyed by SHA-256 of the token (the token is never stored).
-- state: active | rotated | revoked. successor_sealed is set only when a grace window applies.
CREATE TABLE refresh_token (
    token_hash       VARCHAR(43)  PRIMARY KEY,
    family_id        VARCHAR(32)  NOT NULL REFERENCES token_family (id),
    state            VARCHAR(8)   NOT NULL,
    issued_at        BIGINT       NOT NULL,
    expires_at       BIGINT       NOT NULL,
    rotated_at       BIGINT,
    successor_hash   VARCHAR(43),
    successor_sealed VARCHAR(200)
);

CREATE INDEX refresh_token_family ON refresh_token (family_id);
