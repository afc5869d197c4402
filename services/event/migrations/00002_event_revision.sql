-- +goose Up
-- revision counts every change of a participation event; its etag is
-- derived from it, so an update or state change made on an older state is
-- refused instead of silently overwriting a newer one (AIP-154).
ALTER TABLE participation_events ADD COLUMN revision bigint NOT NULL DEFAULT 1 CHECK (revision > 0);

-- +goose Down
ALTER TABLE participation_events DROP COLUMN revision;
