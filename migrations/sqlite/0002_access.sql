-- The organisation and access model: users and the units they see, server-side sessions, the
-- audit log, and the history of every change to a unit. Timestamps are RFC 3339 text written
-- by the application (always UTC, "+00:00"), so that text order is time order.

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    -- Stored lowercase: "Budi" and "budi" are one account.
    username            TEXT    NOT NULL UNIQUE CHECK (username <> ''),
    display_name        TEXT    NOT NULL,
    -- An argon2 PHC string; the store never sees a plaintext password.
    password_hash       TEXT    NOT NULL,
    role                TEXT    NOT NULL CHECK (role IN ('admin', 'leader', 'change_agent')),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins       INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until        TEXT,
    created_at          TEXT    NOT NULL,
    password_changed_at TEXT    NOT NULL
);

-- A leader's subtree roots, or a change agent's assigned units.
CREATE TABLE user_units (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, unit_id)
);
CREATE INDEX user_units_unit ON user_units (unit_id);

-- Server-side sessions (tower-sessions), shared by every server instance.
CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    data        BLOB NOT NULL,
    expiry_date TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry_date);

-- Who did what, when. The actor's name is kept even once the user is deleted.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT    NOT NULL,
    actor_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_name    TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    target        TEXT,
    detail        TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, at);

-- Every change to a unit, before and after as JSON: re-importing or editing never loses history.
CREATE TABLE unit_history (
    id              INTEGER PRIMARY KEY,
    -- No cascade: a unit with a history cannot be deleted by accident.
    unit_id         INTEGER NOT NULL REFERENCES units (id),
    changed_at      TEXT    NOT NULL,
    changed_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- Kept even once the user is deleted, like the audit log's actor_name.
    changed_by_name TEXT    NOT NULL,
    before          TEXT    NOT NULL,
    after           TEXT    NOT NULL
);
CREATE INDEX unit_history_unit ON unit_history (unit_id, changed_at);
