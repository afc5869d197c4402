-- +goose Up
-- The petition service's own tables arrive with its issue; the platform's outbox
-- and inbox tables are applied before this file.
SELECT 1;

-- +goose Down
SELECT 1;
