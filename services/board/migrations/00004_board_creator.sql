-- +goose Up
-- Request ids are scoped to their caller: a board's request_id is unique
-- per creator, so two admins using the same id make two boards (another
-- admin's colliding create used to return the first admin's board). The
-- creator is kept for that and never published.
ALTER TABLE boards ADD COLUMN created_by text NOT NULL DEFAULT '';
ALTER TABLE boards DROP CONSTRAINT boards_request_id_key;
ALTER TABLE boards ADD CONSTRAINT boards_creator_request_key UNIQUE (created_by, request_id);

-- +goose Down
ALTER TABLE boards DROP CONSTRAINT boards_creator_request_key;
ALTER TABLE boards ADD CONSTRAINT boards_request_id_key UNIQUE (request_id);
ALTER TABLE boards DROP COLUMN created_by;
