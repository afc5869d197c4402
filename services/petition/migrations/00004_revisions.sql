-- +goose Up
-- revision counts every change of a complaint or an opinion; its etag is
-- derived from it, so two officials acting on the same complaint cannot
-- silently overwrite each other: the one who read an older state is
-- refused (AIP-154).
ALTER TABLE complaints ADD COLUMN revision bigint NOT NULL DEFAULT 1 CHECK (revision > 0);
ALTER TABLE opinions ADD COLUMN revision bigint NOT NULL DEFAULT 1 CHECK (revision > 0);

-- +goose Down
ALTER TABLE opinions DROP COLUMN revision;
ALTER TABLE complaints DROP COLUMN revision;
