-- +goose Up
-- revision counts every change of a post or comment; its etag is derived
-- from it, so an edit, withdrawal or moderation decision made on an older
-- state is refused instead of silently overwriting a newer one (AIP-154).
ALTER TABLE items ADD COLUMN revision bigint NOT NULL DEFAULT 1 CHECK (revision > 0);

-- +goose Down
ALTER TABLE items DROP COLUMN revision;
