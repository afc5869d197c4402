-- +goose Up
-- Participation events (A7). The platform's outbox and inbox tables are
-- applied before this file.

-- One row per budget year; every plan change of the year locks it
-- (SELECT ... FOR UPDATE) so concurrent changes cannot together exceed the
-- programme budget (A7.2).
CREATE TABLE budget_years (
    year             integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    programme_budget bigint NOT NULL CHECK (programme_budget >= 0),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE participation_events (
    id                    uuid PRIMARY KEY,
    created_by            text NOT NULL,
    request_id            text NOT NULL DEFAULT '',
    department_code       text NOT NULL,
    purpose               text NOT NULL,
    title_ko              text NOT NULL,
    entry_starts_at       timestamptz NOT NULL,
    entry_ends_at         timestamptz NOT NULL CHECK (entry_ends_at > entry_starts_at),
    budget_year           integer NOT NULL REFERENCES budget_years (year),
    budget                bigint NOT NULL CHECK (budget >= 0),
    prize_total           bigint NOT NULL CHECK (prize_total >= 0 AND prize_total <= budget),
    -- draft holds every editable field (domain.Draft as JSON).
    draft                 jsonb NOT NULL,
    status                text NOT NULL CHECK (status IN ('draft', 'announced', 'open', 'closed', 'drawn')),
    -- The announcement is kept as the exact bytes that were hashed.
    announcement_document bytea,
    announcement_hash     text NOT NULL DEFAULT '',
    announced_at          timestamptz,
    draw_seed             bytea,
    seed_commitment       text NOT NULL DEFAULT '',
    committed_at          timestamptz,
    opened_at             timestamptz,
    closed_at             timestamptz,
    entry_list_digest     text NOT NULL DEFAULT '',
    entry_count           integer NOT NULL DEFAULT 0,
    drawn_at              timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CHECK (status = 'draft' OR (announcement_document IS NOT NULL AND draw_seed IS NOT NULL))
);
CREATE UNIQUE INDEX participation_events_request ON participation_events (created_by, request_id)
    WHERE request_id <> '';
CREATE INDEX participation_events_year ON participation_events (budget_year);
CREATE INDEX participation_events_listing ON participation_events (created_at DESC, id DESC);
CREATE INDEX participation_events_due ON participation_events (entry_ends_at)
    WHERE status IN ('announced', 'open');

-- Backstop for A7.3: once announced, the plan, details and announcement
-- cannot change, whatever the application does.
-- +goose StatementBegin
CREATE FUNCTION participation_events_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'draft' AND (
        NEW.draft IS DISTINCT FROM OLD.draft OR NEW.budget IS DISTINCT FROM OLD.budget
        OR NEW.announcement_document IS DISTINCT FROM OLD.announcement_document
        OR NEW.announcement_hash IS DISTINCT FROM OLD.announcement_hash
        OR NEW.draw_seed IS DISTINCT FROM OLD.draw_seed
        OR NEW.seed_commitment IS DISTINCT FROM OLD.seed_commitment
        OR NEW.status = 'draft') THEN
        RAISE EXCEPTION 'participation event % is announced: its plan is frozen', OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER participation_events_frozen BEFORE UPDATE ON participation_events
    FOR EACH ROW EXECUTE FUNCTION participation_events_frozen();

CREATE TABLE entries (
    id            uuid PRIMARY KEY,
    event_id      uuid NOT NULL REFERENCES participation_events (id),
    subject_id    text NOT NULL,
    answers       jsonb NOT NULL,
    -- Privacy-service tokens; the contact itself lives only there (A10).
    name_token    text NOT NULL,
    phone_token   text NOT NULL,
    created_at    timestamptz NOT NULL,
    UNIQUE (event_id, subject_id)
);

CREATE TABLE winners (
    id           uuid PRIMARY KEY,
    event_id     uuid NOT NULL REFERENCES participation_events (id),
    rank         integer NOT NULL CHECK (rank > 0),
    entry_id     uuid NOT NULL UNIQUE REFERENCES entries (id),
    masked_name  text NOT NULL,
    prize_id     text NOT NULL,
    prize_kind   text NOT NULL,
    unit_value   bigint NOT NULL,
    delivered_at timestamptz,
    delivered_by text NOT NULL DEFAULT '',
    note         text NOT NULL DEFAULT '',
    UNIQUE (event_id, rank)
);

-- +goose Down
DROP TABLE winners;
DROP TABLE entries;
DROP TRIGGER participation_events_frozen ON participation_events;
DROP FUNCTION participation_events_frozen();
DROP TABLE participation_events;
DROP TABLE budget_years;
