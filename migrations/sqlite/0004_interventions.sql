-- Intervention plans and the resource-gap register (issue #7). Timestamps are RFC 3339 text
-- written by the application (always UTC, "+00:00"), so that text order is time order; days
-- (start_on, end_on, due_on, done_on) are 'YYYY-MM-DD' text, so text order is date order.
-- Money is whole rupiah in a 64-bit INTEGER (domain::interventions::Rupiah, at most 10^15).
-- Who did something is kept as a user id (NULL for the system, or once the user is deleted)
-- and a name that stays, like the audit log's actor.

-- A plan: what is done, for which units, by whom, when and with what money.
CREATE TABLE interventions (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL CHECK (title <> ''),
    description     TEXT    NOT NULL CHECK (description <> ''),
    kind            TEXT    NOT NULL CHECK (kind IN ('pelatihan', 'sosialisasi', 'coaching',
                        'process_redesign', 'it_system', 'resourcing', 'policy', 'other')),
    status          TEXT    NOT NULL CHECK (status IN ('planned', 'approved', 'in_progress',
                        'done', 'cancelled')),
    -- The change agent responsible. No cascade: a plan always has an owner.
    owner_user_id   INTEGER NOT NULL REFERENCES users (id),
    start_on        TEXT    NOT NULL,
    end_on          TEXT    NOT NULL,
    budget_rupiah   INTEGER NOT NULL CHECK (budget_rupiah >= 0),
    -- NULL: not decided yet, or nothing to fund.
    funding_source  TEXT    CHECK (funding_source <> ''),
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_by_name TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    CHECK (end_on >= start_on)
);
CREATE INDEX interventions_owner ON interventions (owner_user_id);
-- Filters by status, and overdue plans: active statuses with end_on before a day.
CREATE INDEX interventions_status_end ON interventions (status, end_on);
CREATE INDEX interventions_created ON interventions (created_at);

-- The units a plan is for (at least one, checked by the application).
CREATE TABLE intervention_units (
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    unit_id         INTEGER NOT NULL REFERENCES units (id),
    PRIMARY KEY (intervention_id, unit_id)
);
-- Plans in a user's scope, and whether a unit is covered by an active plan.
CREATE INDEX intervention_units_unit ON intervention_units (unit_id, intervention_id);

-- What a plan aims at: a survey dimension id or a barrier code, exactly one per row.
CREATE TABLE intervention_targets (
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    dimension_id    TEXT,
    barrier_code    TEXT    CHECK (barrier_code IN ('anggaran', 'sdm', 'sarana_prasarana', 'ti',
                        'pelatihan', 'regulasi', 'dukungan_pimpinan', 'beban_kerja', 'lainnya')),
    CHECK ((dimension_id IS NULL) <> (barrier_code IS NULL))
);
CREATE UNIQUE INDEX intervention_targets_dimension ON intervention_targets
    (intervention_id, dimension_id) WHERE dimension_id IS NOT NULL;
CREATE UNIQUE INDEX intervention_targets_barrier ON intervention_targets
    (intervention_id, barrier_code) WHERE barrier_code IS NOT NULL;

-- People working on a plan besides its owner.
CREATE TABLE intervention_collaborators (
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (intervention_id, user_id)
);
CREATE INDEX intervention_collaborators_user ON intervention_collaborators (user_id);

-- Every status a plan has had, from its creation (from_status NULL) on.
CREATE TABLE intervention_status_history (
    id              INTEGER PRIMARY KEY,
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    from_status     TEXT    CHECK (from_status IN ('planned', 'approved', 'in_progress', 'done',
                        'cancelled')),
    to_status       TEXT    NOT NULL CHECK (to_status IN ('planned', 'approved', 'in_progress',
                        'done', 'cancelled')),
    changed_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    changed_by_name TEXT    NOT NULL,
    changed_at      TEXT    NOT NULL,
    note            TEXT    CHECK (note <> '')
);
CREATE INDEX intervention_status_history_intervention
    ON intervention_status_history (intervention_id, changed_at, id);

-- Steps of a plan, each with a due day and, once done, the day it was done.
CREATE TABLE milestones (
    id              INTEGER PRIMARY KEY,
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    title           TEXT    NOT NULL CHECK (title <> ''),
    due_on          TEXT    NOT NULL,
    done_on         TEXT,
    created_at      TEXT    NOT NULL
);
CREATE INDEX milestones_intervention ON milestones (intervention_id, due_on);

-- The discussion of a plan, oldest first.
CREATE TABLE intervention_comments (
    id              INTEGER PRIMARY KEY,
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    author_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    author_name     TEXT    NOT NULL,
    body            TEXT    NOT NULL CHECK (body <> ''),
    created_at      TEXT    NOT NULL
);
CREATE INDEX intervention_comments_intervention
    ON intervention_comments (intervention_id, created_at, id);

-- The resource-gap register: what a unit lacks to carry the change.
CREATE TABLE resource_gaps (
    id                    INTEGER PRIMARY KEY,
    unit_id               INTEGER NOT NULL REFERENCES units (id),
    kind                  TEXT    NOT NULL CHECK (kind IN ('anggaran', 'sdm', 'sarana_prasarana',
                              'ti', 'pelatihan', 'other')),
    description           TEXT    NOT NULL CHECK (description <> ''),
    severity              TEXT    NOT NULL CHECK (severity IN ('rendah', 'sedang', 'tinggi')),
    estimated_cost_rupiah INTEGER NOT NULL CHECK (estimated_cost_rupiah >= 0),
    status                TEXT    NOT NULL CHECK (status IN ('open', 'planned', 'resolved')),
    created_by            INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_by_name       TEXT    NOT NULL,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
);
-- Gaps of a set of units (a subtree), and their totals by kind.
CREATE INDEX resource_gaps_unit ON resource_gaps (unit_id, kind);

-- Which plans address which gaps.
CREATE TABLE gap_interventions (
    gap_id          INTEGER NOT NULL REFERENCES resource_gaps (id),
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    PRIMARY KEY (gap_id, intervention_id)
);
CREATE INDEX gap_interventions_intervention ON gap_interventions (intervention_id);
