-- A family row holds the state of its refresh tokens, so that a family is one row however often
-- it is refreshed (docs/storage.md). A refresh token names its family and generation and carries
-- a MAC; the row keeps the generation and SHA-256 of the live token, and, only while a grace
-- window runs, the hash of its predecessor and the live token sealed for the predecessor's retry.
-- Rotation is one conditional UPDATE of this row. Times are epoch milliseconds, as in V1.
ALTER TABLE token_family ADD COLUMN generation BIGINT;
ALTER TABLE token_family ADD COLUMN token_hash VARCHAR(43);
ALTER TABLE token_family ADD COLUMN token_issued_at BIGINT;
-- when the live token dies of idleness (for a family without refresh tokens: when its access
-- token expires); the purge removes a family some time after this or expires_at passed
ALTER TABLE token_family ADD COLUMN token_expires_at BIGINT;
ALTER TABLE token_family ADD COLUMN rotated_at BIGINT;
ALTER TABLE token_family ADD COLUMN predecessor_hash VARCHAR(43);
ALTER TABLE token_family ADD COLUMN successor_sealed VARCHAR(300);

-- Upgrade: the live token of a family issued before this change (a row of refresh_token) becomes
-- generation 0 of its family; its own row stays for the lookup of such tokens, which have no
-- family id in them. refresh_token gets no new rows from here on. Two indexes serve only the
-- statements below (a family may have tens of thousands of rotated rows) and go at the end.
CREATE INDEX refresh_token_upgrade_active ON refresh_token (family_id, state);
CREATE INDEX refresh_token_upgrade_successor ON refresh_token (successor_hash);
UPDATE token_family SET
    generation = (SELECT 0 FROM refresh_token t WHERE t.family_id = token_family.id AND t.state = 'active'),
    token_hash = (SELECT t.token_hash FROM refresh_token t
                  WHERE t.family_id = token_family.id AND t.state = 'active'),
    token_issued_at = (SELECT t.issued_at FROM refresh_token t
                       WHERE t.family_id = token_family.id AND t.state = 'active'),
    token_expires_at = COALESCE((SELECT t.expires_at FROM refresh_token t
                                 WHERE t.family_id = token_family.id AND t.state = 'active'), created_at);

-- A grace window running at the upgrade goes on: the predecessor of the live token, with its seal.
UPDATE token_family SET
    predecessor_hash = (SELECT p.token_hash FROM refresh_token p
                        WHERE p.successor_hash = token_family.token_hash AND p.family_id = token_family.id
                          AND p.successor_sealed IS NOT NULL),
    rotated_at = (SELECT p.rotated_at FROM refresh_token p
                  WHERE p.successor_hash = token_family.token_hash AND p.family_id = token_family.id
                    AND p.successor_sealed IS NOT NULL),
    successor_sealed = (SELECT p.successor_sealed FROM refresh_token p
                        WHERE p.successor_hash = token_family.token_hash AND p.family_id = token_family.id
                          AND p.successor_sealed IS NOT NULL)
WHERE token_hash IS NOT NULL;

DROP INDEX refresh_token_upgrade_active;
DROP INDEX refresh_token_upgrade_successor;
