-- Immutable history: every published revision (who changed what, when)
-- and every transition with the freshness and translation state it left.
-- The scorecard (A4.3) is computed from this history only, so it can be
-- recomputed for any past period with the same result.
-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$;
-- +goose StatementEnd

CREATE TABLE item_revisions (
    item_id        uuid NOT NULL REFERENCES items (id),
    revision       integer NOT NULL,
    actor          text NOT NULL,
    at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    changed_fields text[] NOT NULL,
    note           text NOT NULL DEFAULT '',
    content        jsonb NOT NULL,
    PRIMARY KEY (item_id, revision)
);

CREATE TABLE item_history (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id           uuid NOT NULL REFERENCES items (id),
    action            text NOT NULL CHECK (action IN ('published', 'updated', 'verified', 'archived')),
    -- clock_timestamp, not now(): it is read after the item's row lock is
    -- held, so one item's entries are ordered as their changes were.
    at                timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor             text NOT NULL,
    department_code   text NOT NULL,
    kind              text NOT NULL,
    revision          integer NOT NULL,
    review_due        timestamptz,
    -- current_languages are the languages whose text was up to date with
    -- the Korean reference after this change, Korean included.
    current_languages text[] NOT NULL
);
CREATE INDEX item_history_item_at ON item_history (item_id, at DESC, id DESC);

CREATE TRIGGER item_revisions_append_only BEFORE UPDATE OR DELETE ON item_revisions
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER item_history_append_only BEFORE UPDATE OR DELETE ON item_history
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- +goose Down
DROP TABLE item_history;
DROP TABLE item_revisions;
DROP FUNCTION forbid_change();
