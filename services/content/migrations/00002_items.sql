-- Content items (A3.1) and their texts per language (A2).
-- +goose Up
CREATE TABLE items (
    id                 uuid PRIMARY KEY,
    created_by         text NOT NULL,
    -- request_id makes a retried create return the first result; scoped
    -- to the creator so one caller can never fetch another's item with it.
    request_id         text,
    slug               text UNIQUE,
    kind               text NOT NULL CHECK (kind IN ('policy', 'work_progress', 'living', 'industry',
                                                     'culture', 'tourism', 'promotion', 'other')),
    department_code    text NOT NULL REFERENCES departments (code),
    status             text NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
    tags               text[] NOT NULL DEFAULT '{}',
    attachments        jsonb NOT NULL DEFAULT '[]',
    -- ko_version counts changes of the Korean reference text; a translation
    -- written against an older one is stale.
    ko_version         integer NOT NULL,
    revision           integer NOT NULL DEFAULT 0,
    version            bigint NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    published_at       timestamptz,
    last_verified_at   timestamptz,
    next_review_due    timestamptz,
    stale_announced_at timestamptz,
    UNIQUE (created_by, request_id)
);

-- Public lists: newest published first, keyset on (published_at, id).
CREATE INDEX items_published ON items (published_at DESC, id DESC) WHERE status = 'published';
-- Editors' lists of one department and status.
CREATE INDEX items_department ON items (department_code, status, updated_at DESC, id DESC);
CREATE INDEX items_tags ON items USING gin (tags);
-- The staleness job's claim, and the per-department overdue list (A4.1).
CREATE INDEX items_unannounced_due ON items (next_review_due)
    WHERE status = 'published' AND stale_announced_at IS NULL;
CREATE INDEX items_department_due ON items (department_code, next_review_due, id)
    WHERE status = 'published';

CREATE TABLE item_texts (
    item_id     uuid NOT NULL REFERENCES items (id),
    language    text NOT NULL,
    title       text NOT NULL,
    summary     text NOT NULL DEFAULT '',
    body        text NOT NULL DEFAULT '',
    -- based_on_ko is the items.ko_version this text was written against.
    based_on_ko integer NOT NULL,
    PRIMARY KEY (item_id, language)
);

-- +goose Down
DROP TABLE item_texts;
DROP TABLE items;
