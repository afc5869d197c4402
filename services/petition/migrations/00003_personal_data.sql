-- +goose Up
-- Personal data in free text is masked by the suite's shared detector
-- (platform/personaldata) before anything is stored (A10.1, A10.4).
-- personal_data_kinds names what was masked in a complaint's or opinion's
-- title, body or address; originals holds the privacy-vault tokens of those
-- texts' originals ([{"field": "body", "token": "pd_…"}]), cleared when the
-- complainant is erased. text_screened is false on the rows stored before
-- this migration, which the service masks once at start
-- (platform/personaldata/rescreen), and true by default since.
ALTER TABLE complaints ADD COLUMN personal_data_kinds text[] NOT NULL DEFAULT '{}';
ALTER TABLE complaints ADD COLUMN originals jsonb NOT NULL DEFAULT '[]';
ALTER TABLE opinions ADD COLUMN personal_data_kinds text[] NOT NULL DEFAULT '{}';
ALTER TABLE opinions ADD COLUMN originals jsonb NOT NULL DEFAULT '[]';

ALTER TABLE complaints ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE complaints ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX complaints_unscreened ON complaints ((1)) WHERE NOT text_screened;

ALTER TABLE opinions ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE opinions ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX opinions_unscreened ON opinions ((1)) WHERE NOT text_screened;

ALTER TABLE complaint_answers ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE complaint_answers ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX complaint_answers_unscreened ON complaint_answers ((1)) WHERE NOT text_screened;

ALTER TABLE complaint_extensions ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE complaint_extensions ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX complaint_extensions_unscreened ON complaint_extensions ((1)) WHERE NOT text_screened;

ALTER TABLE complaint_history ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE complaint_history ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX complaint_history_unscreened ON complaint_history ((1)) WHERE NOT text_screened;

-- +goose Down
ALTER TABLE complaint_history DROP COLUMN text_screened;
ALTER TABLE complaint_extensions DROP COLUMN text_screened;
ALTER TABLE complaint_answers DROP COLUMN text_screened;
ALTER TABLE opinions DROP COLUMN text_screened, DROP COLUMN originals, DROP COLUMN personal_data_kinds;
ALTER TABLE complaints DROP COLUMN text_screened, DROP COLUMN originals, DROP COLUMN personal_data_kinds;
