-- View counts, kept apart from items: replicas buffer reads in memory and
-- add them here in one statement per flush, so a read never updates (or
-- locks) an item row.
-- +goose Up
CREATE TABLE item_view_counts (
    item_id    uuid PRIMARY KEY,
    views      bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE item_view_counts;
