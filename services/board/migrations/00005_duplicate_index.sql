-- +goose Up
-- The index behind the repeat check (A5.8): each text's MinHash LSH buckets
-- (internal/screening/lsh.go), the author hashed into every bucket, so the
-- check looks up the author's texts sharing enough buckets with the new
-- one instead of reading every text of the last month. lsh_indexed is
-- false for texts written before this migration (and for texts re-masked
-- at start); the service indexes them at start, before it serves.
ALTER TABLE items ADD COLUMN lsh_indexed boolean NOT NULL DEFAULT false;
CREATE INDEX items_lsh_missing ON items (created_at) WHERE NOT lsh_indexed;
CREATE TABLE item_buckets (
    bucket  bigint NOT NULL,
    item_id uuid   NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (bucket, item_id)
);
CREATE INDEX item_buckets_item ON item_buckets (item_id);

-- +goose Down
DROP TABLE item_buckets;
DROP INDEX items_lsh_missing;
ALTER TABLE items DROP COLUMN lsh_indexed;
