-- The one-time first-administrator setup (issue #16): claimed by inserting its only row in the
-- transaction that creates the administrator, so of any number of concurrent setup requests
-- exactly one creates an administrator. A database set up before this table existed keeps
-- its administrators; the setup stays closed while any is active.
CREATE TABLE first_admin_setup (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    claimed_at TIMESTAMPTZ NOT NULL
);
