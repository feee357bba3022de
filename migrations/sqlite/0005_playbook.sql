-- The suggestions playbook (issue #7): every version an administrator saved, as the TOML text
-- of domain::interventions::playbook. The newest (largest id) is the one in use; with no row
-- the built-in playbook applies. Rows are never changed, so the history stays. The text is
-- validated by the application before saving; the database only refuses an empty one.
-- saved_at is RFC 3339 text written by the application (always UTC, "+00:00"), like the
-- audit log; who saved is a user id (NULL for the system, or once the user is deleted) and a
-- name that stays.
CREATE TABLE playbook_versions (
    id            INTEGER PRIMARY KEY,
    body          TEXT    NOT NULL CHECK (body <> ''),
    saved_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    saved_by_name TEXT    NOT NULL,
    saved_at      TEXT    NOT NULL
);
