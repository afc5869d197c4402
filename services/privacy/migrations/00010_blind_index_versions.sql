-- +goose Up
-- The blind-index key has versions (A10.4): each indexed field records the
-- version its index was made under, so lookups match under every version
-- during a rotation and the re-index job finds the rows to move.
ALTER TABLE personal_fields ADD COLUMN index_version integer;
UPDATE personal_fields SET index_version = 1 WHERE blind_index IS NOT NULL;
ALTER TABLE personal_fields ADD CONSTRAINT personal_fields_index_version
    CHECK ((blind_index IS NULL) = (index_version IS NULL));
CREATE INDEX personal_fields_reindex ON personal_fields (index_version) WHERE blind_index IS NOT NULL;

-- +goose Down
ALTER TABLE personal_fields DROP COLUMN index_version;
