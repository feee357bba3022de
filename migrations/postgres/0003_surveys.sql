-- Surveys: instrument versions, waves and the units they run in, invitation tokens, and the
-- responses. Days (used_on, answered_on) are the Jakarta calendar day.

-- Instrument versions as uploaded (their TOML). A version is never updated: an edit is saved
-- as a new version, so answers keep the exact wording they were given to.
CREATE TABLE instruments (
    id              BIGSERIAL   PRIMARY KEY,
    slug            TEXT        NOT NULL,
    version         INTEGER     NOT NULL CHECK (version > 0),
    -- domain::instrument::Instrument::content_hash: equal content, equal hash.
    content_hash    TEXT        NOT NULL,
    definition      TEXT        NOT NULL,
    title_id        TEXT        NOT NULL,
    title_en        TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by_name TEXT        NOT NULL,
    UNIQUE (slug, version)
);

-- One run of an instrument in a set of units. A follow-up names the wave it repeats.
CREATE TABLE waves (
    id               BIGSERIAL   PRIMARY KEY,
    title            TEXT        NOT NULL CHECK (title <> ''),
    kind             TEXT        NOT NULL CHECK (kind IN ('baseline', 'follow_up')),
    state            TEXT        NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
    instrument_id    BIGINT      NOT NULL REFERENCES instruments (id),
    previous_wave_id BIGINT      REFERENCES waves (id),
    opens_at         TIMESTAMPTZ NOT NULL,
    closes_at        TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    CHECK (closes_at > opens_at)
);
CREATE INDEX waves_instrument ON waves (instrument_id);

-- The units a wave runs in. The headcount is the unit's at the wave's creation, so response
-- rates stay what they were when units are re-imported later; issued counts invitations.
CREATE TABLE wave_units (
    wave_id   BIGINT  NOT NULL REFERENCES waves (id),
    unit_id   BIGINT  NOT NULL REFERENCES units (id),
    headcount INTEGER NOT NULL CHECK (headcount >= 0),
    issued    INTEGER NOT NULL DEFAULT 0 CHECK (issued >= 0),
    PRIMARY KEY (wave_id, unit_id)
);
CREATE INDEX wave_units_unit ON wave_units (unit_id);

-- Invitations are issued (and printed) in batches per unit.
CREATE TABLE invitation_batches (
    id              BIGSERIAL   PRIMARY KEY,
    wave_id         BIGINT      NOT NULL,
    unit_id         BIGINT      NOT NULL,
    size            INTEGER     NOT NULL CHECK (size > 0),
    created_at      TIMESTAMPTZ NOT NULL,
    created_by_name TEXT        NOT NULL,
    FOREIGN KEY (wave_id, unit_id) REFERENCES wave_units (wave_id, unit_id)
);
CREATE INDEX invitation_batches_wave_unit ON invitation_batches (wave_id, unit_id);

-- One token lets one person answer once. used_on is only the day it was used, never a finer
-- time: an exact moment could be matched to a response.
CREATE TABLE invitations (
    token    TEXT   PRIMARY KEY,
    batch_id BIGINT NOT NULL REFERENCES invitation_batches (id),
    wave_id  BIGINT NOT NULL,
    unit_id  BIGINT NOT NULL,
    used_on  DATE,
    FOREIGN KEY (wave_id, unit_id) REFERENCES wave_units (wave_id, unit_id)
);
CREATE INDEX invitations_batch ON invitations (batch_id, used_on);

-- The answers. Anonymous by construction: no token, no foreign key to invitations, no IP
-- address, user agent or time of day; answered_on is the day only. The id is a random UUID v4
-- (no sequence numbering arrivals) and reads order by it. Below SQL, PostgreSQL still knows
-- more: the heap keeps rows in arrival order until rewritten (CLUSTER responses USING
-- responses_pkey), and a row's xmin names the transaction that wrote it, the same one that
-- marked its invitation used. Only the database's operators see either.
CREATE TABLE responses (
    id          TEXT   PRIMARY KEY,
    wave_id     BIGINT NOT NULL,
    unit_id     BIGINT NOT NULL,
    answered_on DATE   NOT NULL,
    source      TEXT   NOT NULL CHECK (source IN ('online', 'import')),
    -- JSON: raw item values, barriers ticked, the "lainnya" text and comments.
    answers     TEXT   NOT NULL,
    FOREIGN KEY (wave_id, unit_id) REFERENCES wave_units (wave_id, unit_id)
);
CREATE INDEX responses_wave_unit ON responses (wave_id, unit_id);
