-- Search that works for Korean (A3.1): PostgreSQL's full-text parser does
-- not segment Korean, so texts are indexed by trigrams (pg_trgm), which
-- match any substring of three or more characters and rank by similarity.
-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE item_texts
    ADD COLUMN doc text GENERATED ALWAYS AS (title || ' ' || summary || ' ' || body) STORED;

CREATE INDEX item_texts_title_trgm ON item_texts USING gin (title gin_trgm_ops);
CREATE INDEX item_texts_doc_trgm ON item_texts USING gin (doc gin_trgm_ops);

-- +goose Down
DROP INDEX item_texts_doc_trgm;
DROP INDEX item_texts_title_trgm;
ALTER TABLE item_texts DROP COLUMN doc;
