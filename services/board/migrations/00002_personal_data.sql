-- +goose Up
-- Personal data in free text is masked by the suite's shared detector
-- (platform/personaldata) before anything is stored (A10.1, A10.4).
-- personal_data_kinds names what was masked in a post or comment, for its
-- author. text_screened is false on the rows stored before this migration,
-- which the service masks once at start (platform/personaldata/rescreen),
-- and true by default for everything written since.
ALTER TABLE items ADD COLUMN personal_data_kinds text[] NOT NULL DEFAULT '{}';

ALTER TABLE items ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE items ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX items_unscreened ON items ((1)) WHERE NOT text_screened;

ALTER TABLE flags ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE flags ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX flags_unscreened ON flags ((1)) WHERE NOT text_screened;

ALTER TABLE reports ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE reports ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX reports_unscreened ON reports ((1)) WHERE NOT text_screened;

ALTER TABLE appeals ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE appeals ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX appeals_unscreened ON appeals ((1)) WHERE NOT text_screened;

ALTER TABLE decisions ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE decisions ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX decisions_unscreened ON decisions ((1)) WHERE NOT text_screened;

-- +goose Down
ALTER TABLE decisions DROP COLUMN text_screened;
ALTER TABLE appeals DROP COLUMN text_screened;
ALTER TABLE reports DROP COLUMN text_screened;
ALTER TABLE flags DROP COLUMN text_screened;
ALTER TABLE items DROP COLUMN text_screened;
ALTER TABLE items DROP COLUMN personal_data_kinds;
