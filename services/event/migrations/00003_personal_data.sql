-- +goose Up
-- Personal data in entrants' answers and in officials' delivery notes is
-- masked by the suite's shared detector (platform/personaldata) before it
-- is stored (A10.1, A10.4). personal_data_kinds names what was masked in an
-- entry's answers, for the entrant. text_screened is false on the rows
-- stored before this migration, which the service masks once at start
-- (platform/personaldata/rescreen), and true by default since.
ALTER TABLE entries ADD COLUMN personal_data_kinds text[] NOT NULL DEFAULT '{}';

ALTER TABLE entries ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE entries ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX entries_unscreened ON entries ((1)) WHERE NOT text_screened;

ALTER TABLE winners ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE winners ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX winners_unscreened ON winners ((1)) WHERE NOT text_screened;

-- +goose Down
ALTER TABLE winners DROP COLUMN text_screened;
ALTER TABLE entries DROP COLUMN text_screened, DROP COLUMN personal_data_kinds;
