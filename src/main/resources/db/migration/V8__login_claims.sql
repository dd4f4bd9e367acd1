-- A dev-mode login as anyone (the login page's second form) brings its own claims, as a JSON
-- object: they go with the code, then with the family it opens, so every ID token and userinfo
-- answer of that grant carries them. Null for a login as a configured user.
ALTER TABLE authorization_code ADD COLUMN login_claims VARCHAR(10000);
ALTER TABLE token_family ADD COLUMN login_claims VARCHAR(10000);
