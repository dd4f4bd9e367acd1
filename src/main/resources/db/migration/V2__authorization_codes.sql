-- The authorization code flow between the authorization and token endpoints, shared by every
-- instance. Times are epoch milliseconds, as in V1.

-- One row per authorization of the code flow. The code, and the state of a pending consent, are
-- stored only as SHA-256 (base64url), like refresh tokens. A redeemed code stays, with the time it
-- was consumed and the family it opened, so that presenting it again revokes that family; the
-- conditional UPDATE of consumed_at is what makes a code single use. request_state (the client's
-- own, opaque state) and authorization_uri (it follows the request's host when no issuer is set)
-- are as long as a request allows.
CREATE TABLE authorization_code (
    id                    VARCHAR(100)  PRIMARY KEY,
    code_hash             VARCHAR(43)   UNIQUE,
    state_hash            VARCHAR(43)   UNIQUE,
    client_id             VARCHAR(100)  NOT NULL,
    principal_name        VARCHAR(255)  NOT NULL,
    authorized_scope      VARCHAR(1000) NOT NULL,
    authorization_uri     VARCHAR(10000) NOT NULL,
    redirect_uri          VARCHAR(2000),
    requested_scope       VARCHAR(1000) NOT NULL,
    request_state         VARCHAR(10000),
    code_challenge        VARCHAR(128),
    code_challenge_method VARCHAR(10),
    issued_at             BIGINT,
    expires_at            BIGINT,
    consumed_at           BIGINT,
    family_id             VARCHAR(32)
);

-- Consents, in the schema of Spring Authorization Server's JdbcOAuth2AuthorizationConsentService.
CREATE TABLE oauth2_authorization_consent (
    registered_client_id VARCHAR(100)  NOT NULL,
    principal_name       VARCHAR(200)  NOT NULL,
    authorities          VARCHAR(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
