-- Four languages (A2). A board's name and purpose are public texts in
-- Korean, the reference, and translations (platform/localized: texts by
-- language tag, the Korean revision and the revision each translation
-- follows); name and purpose stay the Korean texts. Boards can now be
-- edited, so they carry a revision (their etag) and an update time. A
-- decision keeps the translations its moderator gave of the public
-- explanation (tag -> text; a decision is never edited).
-- +goose Up
ALTER TABLE boards
    ADD COLUMN name_texts    jsonb,
    ADD COLUMN purpose_texts jsonb,
    ADD COLUMN revision      bigint NOT NULL DEFAULT 1,
    ADD COLUMN updated_at    timestamptz;
UPDATE boards SET
    name_texts    = jsonb_build_object('texts', jsonb_build_object('ko', name), 'revision', 1),
    purpose_texts = jsonb_build_object('texts', jsonb_build_object('ko', purpose), 'revision', 1),
    updated_at    = created_at;
ALTER TABLE boards
    ALTER COLUMN name_texts SET NOT NULL,
    ALTER COLUMN purpose_texts SET NOT NULL,
    ALTER COLUMN updated_at SET NOT NULL;

ALTER TABLE decisions ADD COLUMN explanation_translations jsonb NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE decisions DROP COLUMN explanation_translations;
ALTER TABLE boards DROP COLUMN name_texts, DROP COLUMN purpose_texts, DROP COLUMN revision, DROP COLUMN updated_at;
