-- Organisational units: a tree (province -> perangkat daerah -> ... -> kelurahan).
CREATE TABLE units (
    id          BIGSERIAL PRIMARY KEY,
    code        TEXT        NOT NULL UNIQUE,
    name        TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    parent_id   BIGINT      REFERENCES units (id),
    headcount   INTEGER     NOT NULL CHECK (headcount >= 0),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX units_parent ON units (parent_id);
