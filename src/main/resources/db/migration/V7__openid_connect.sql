-- OpenID Connect. A refreshed ID token carries the auth_time of the original login (Core §12.2),
-- so each family keeps it (epoch milliseconds, as in V1; null for families opened before this
-- migration and for grants whose login is the grant itself: their created_at is the time). A code
-- keeps the nonce of its authorization request and when the user logged in, for its ID token.
ALTER TABLE token_family ADD COLUMN auth_time BIGINT;
ALTER TABLE authorization_code ADD COLUMN nonce VARCHAR(10000);
ALTER TABLE authorization_code ADD COLUMN auth_time BIGINT;
