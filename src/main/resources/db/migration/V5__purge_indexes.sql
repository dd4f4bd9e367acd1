-- The purge deletes authorization codes by their expiry (codes are few and written once, so the
-- index costs little). Families are purged by a walk along their primary key instead: an index on
-- their expiry would be rewritten by every refresh, since the idle expiry slides on each one.
CREATE INDEX authorization_code_expires_at ON authorization_code (expires_at);
