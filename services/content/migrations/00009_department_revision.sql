-- +goose Up
-- revision counts every change of a directory entry; its etag is derived
-- from it, so two admins editing the same department's contact cannot
-- silently overwrite each other (AIP-154).
ALTER TABLE departments ADD COLUMN revision bigint NOT NULL DEFAULT 1 CHECK (revision > 0);

-- +goose Down
ALTER TABLE departments DROP COLUMN revision;
