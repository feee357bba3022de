-- Personal API tokens (issue #8). The secret is shown once when created and never stored:
-- only its SHA-256 (hex) is, so a copy of the database cannot be used to call the API. A
-- token acts as its user, with the user's role and units read at each request, so a change of
-- role or scope (or deactivation) applies to the user's tokens at once. Revoked tokens stay
-- (revoked_at set) so the list shows what existed. last_used_on is a day, like the other
-- traces of use in Siap. Times are RFC 3339 text written by the application (UTC).
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL CHECK (name <> ''),
    -- The first characters of the secret, shown in lists so a user can tell tokens apart.
    prefix       TEXT    NOT NULL,
    secret_hash  TEXT    NOT NULL UNIQUE,
    created_at   TEXT    NOT NULL,
    last_used_on TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
