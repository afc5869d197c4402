-- +goose Up
-- Draws no one can steer (A7, seoul-event-draw/v2): the announcement fixes
-- public randomness sources whose values two officials enter after the
-- close; entry ids are derived from the entries (event, entrant pseudonym,
-- entry time). Events announced before this keep seoul-event-draw/v1.
ALTER TABLE participation_events
    ADD COLUMN draw_algorithm text NOT NULL DEFAULT 'seoul-event-draw/v1',
    -- Keys the pseudonyms of entrants and officials in the published draw.
    ADD COLUMN pseudonym_key bytea;

ALTER TABLE entries ADD COLUMN pseudonym text NOT NULL DEFAULT '';

-- Every official's entry of a source's value is kept: the audit of the
-- draw's public inputs, published with the draw.
CREATE TABLE draw_source_values (
    event_id   uuid NOT NULL REFERENCES participation_events (id),
    source_id  text NOT NULL,
    -- official is the official's pseudonym in the event, entered_by their subject id.
    official   text NOT NULL,
    entered_by text NOT NULL,
    value      text NOT NULL,
    entered_at timestamptz NOT NULL,
    PRIMARY KEY (event_id, source_id, official)
);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION participation_events_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'draft' AND (
        NEW.draft IS DISTINCT FROM OLD.draft OR NEW.budget IS DISTINCT FROM OLD.budget
        OR NEW.announcement_document IS DISTINCT FROM OLD.announcement_document
        OR NEW.announcement_hash IS DISTINCT FROM OLD.announcement_hash
        OR NEW.draw_seed IS DISTINCT FROM OLD.draw_seed
        OR NEW.seed_commitment IS DISTINCT FROM OLD.seed_commitment
        OR NEW.draw_algorithm IS DISTINCT FROM OLD.draw_algorithm
        OR NEW.pseudonym_key IS DISTINCT FROM OLD.pseudonym_key
        OR NEW.status = 'draft') THEN
        RAISE EXCEPTION 'participation event % is announced: its plan is frozen', OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION participation_events_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
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
DROP TABLE draw_source_values;
ALTER TABLE entries DROP COLUMN pseudonym;
ALTER TABLE participation_events DROP COLUMN pseudonym_key, DROP COLUMN draw_algorithm;
