-- +goose Up
-- A citizen's redemptions, newest first (ListRedemptions keyset).
CREATE INDEX redemptions_by_subject ON redemptions (subject_id, id DESC);

-- +goose Down
DROP INDEX redemptions_by_subject;
