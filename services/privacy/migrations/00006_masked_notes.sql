-- +goose Up
-- Privacy officers' reasons for legal holds and disclosure decisions are
-- masked by the suite's shared detector (platform/personaldata) before
-- they are stored (A10.4: personal data is held only encrypted, in
-- personal_fields and personal_texts). text_screened is false on the rows
-- stored before this migration, which the service masks once at start
-- (platform/personaldata/rescreen), and true by default since.
ALTER TABLE legal_holds ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE legal_holds ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX legal_holds_unscreened ON legal_holds ((1)) WHERE NOT text_screened;

ALTER TABLE disclosures ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE disclosures ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX disclosures_unscreened ON disclosures ((1)) WHERE NOT text_screened;

-- +goose Down
ALTER TABLE disclosures DROP COLUMN text_screened;
ALTER TABLE legal_holds DROP COLUMN text_screened;
